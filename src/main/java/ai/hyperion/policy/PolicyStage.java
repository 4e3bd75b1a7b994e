package ai.hyperion.policy;

import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.GatewayCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stage 2: rate limits and budgets for key, user, team and org. Admission is asynchronous so a
 * shared store (Redis) can sit behind it without holding the request thread; the pipeline ends
 * every admission exactly once ({@link Admission#settle} or {@link Admission#release}). This build
 * enforces no limits yet: every call is admitted without limits.
 */
@ApplicationScoped
public class PolicyStage {

  /** Admits the call, or completes exceptionally with a 429 refusal that says which limit. */
  public CompletionStage<Admission> admit(GatewayCall<?> call) {
    return CompletableFuture.completedFuture(Admission.UNLIMITED);
  }
}
