package ai.hyperion.routing;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.provider.ChatRequest;
import java.util.List;

/**
 * What routing needs to know about one chat call: the canonical request, the caller's {@code
 * smart_routing} flag and body fallbacks, the tenant, the org's routing policy, and from the policy
 * stage the most this request may cost ({@code maxCostUsd}, null when unlimited).
 */
public record RouteRequest(
    ChatRequest request,
    boolean smartRouting,
    List<String> fallbacks,
    TenantContext tenant,
    OrgRoutingPolicy policy,
    Double maxCostUsd) {

  public RouteRequest {
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    policy = policy == null ? OrgRoutingPolicy.NONE : policy;
  }
}
