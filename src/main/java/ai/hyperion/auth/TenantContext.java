package ai.hyperion.auth;

import java.util.Map;
import java.util.Set;

/**
 * Who is calling, resolved from the API key by the identity stage and read by every later stage
 * (policy limits, routing allow-lists, audit). {@code allowedModels} empty means "no restriction".
 */
public record TenantContext(
    String orgId,
    String teamId,
    String userId,
    String keyId,
    String keyPrefix,
    Set<String> allowedModels,
    boolean autoRoutingEnabled,
    Map<String, String> metadata) {

  public TenantContext {
    allowedModels = Set.copyOf(allowedModels);
    metadata = Map.copyOf(metadata);
  }

  public boolean mayUse(String model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }
}
