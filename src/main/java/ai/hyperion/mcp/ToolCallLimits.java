package ai.hyperion.mcp;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.policy.Candidate;
import ai.hyperion.policy.LevelPolicy;
import ai.hyperion.policy.ModelPrice;
import ai.hyperion.policy.PolicyDecision;
import ai.hyperion.policy.PolicyEngine;
import ai.hyperion.policy.PolicyRequest;
import ai.hyperion.policy.PolicyRequests;
import ai.hyperion.policy.PriceSource;
import ai.hyperion.policy.Reservation;
import ai.hyperion.policy.TenantLevel;
import ai.hyperion.policy.TokenEstimate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tool calls against the policy store: a call is one request at every level of the caller (key,
 * user, team, org: their requests-per-minute and concurrency limits, as for a model call, at no
 * token or money cost), plus the server's per-tool limit, counted per key and tool.
 */
@ApplicationScoped
public class ToolCallLimits {

  private static final Logger LOG = Logger.getLogger(ToolCallLimits.class.getName());
  private static final TokenEstimate NO_TOKENS = new TokenEstimate(0, 0, 0, null);

  private final PolicyEngine engine;
  private final PolicyRequests requests;

  @Inject
  public ToolCallLimits(PolicyEngine engine, PolicyRequests requests) {
    this.engine = engine;
    this.requests = requests;
  }

  /** For the CDI proxy only. */
  protected ToolCallLimits() {
    this.engine = null;
    this.requests = null;
  }

  public CompletionStage<PolicyDecision> admit(
      String requestId, TenantContext tenant, String namespacedTool, int toolRequestsPerMinute) {
    List<LevelPolicy> levels = new ArrayList<>(requests.levels(tenant));
    if (toolRequestsPerMinute > 0 && tenant.keyId() != null) {
      levels.add(
          new LevelPolicy(
              TenantLevel.KEY,
              tenant.keyId() + "/" + namespacedTool,
              toolRequestsPerMinute,
              null,
              null,
              List.of()));
    }
    String model = "mcp:" + namespacedTool;
    Candidate call =
        new Candidate(model, ModelPrice.of(model, 0, 0, PriceSource.CATALOG), NO_TOKENS);
    return engine.admit(new PolicyRequest(requestId, levels, List.of(call)));
  }

  /** Counts the call as made (it stays in its minute window) and frees its concurrency slot. */
  public void settle(Reservation reservation) {
    engine
        .settle(reservation, null, reservation.candidate().price())
        .exceptionally(
            failure -> {
              LOG.log(
                  Level.WARNING, "Settling MCP tool call " + reservation.id() + " failed", failure);
              return null;
            });
  }
}
