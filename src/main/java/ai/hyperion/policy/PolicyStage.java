package ai.hyperion.policy;

import ai.hyperion.pipeline.GatewayCall;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stage 2: rate limits and budgets for key, user, team and org. This build enforces no limits yet:
 * every call is admitted. The limit stores (in-process and Redis) plug in here.
 */
@ApplicationScoped
public class PolicyStage {

  /** Admits the call or throws a 429 {@code GatewayException} with Retry-After. */
  public void admit(GatewayCall call) {
    // No limits are configured in this build; see the class comment.
  }
}
