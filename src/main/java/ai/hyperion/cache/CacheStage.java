package ai.hyperion.cache;

import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.GatewayCall;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stage 3: the exact (L1) and semantic (L2) response caches. {@link #lookup} answers a call from
 * the cache or lets it proceed; after a miss, {@link #store} receives the call's result (for a
 * stream, the stage waits for its end and keeps only a complete answer). No cache tier is enabled
 * in this build, so every call is a {@code bypass}; the tiers plug in here.
 */
@ApplicationScoped
public class CacheStage {

  /** Consults the cache for a call and records the outcome's header values in the Exchange. */
  public <R> CompletionStage<CacheOutcome<R>> lookup(GatewayCall<R> call) {
    call.exchange().cache(CacheStatus.BYPASS, null);
    return CompletableFuture.completedFuture(new CacheOutcome.Bypass<>());
  }

  /** Writes back the result of a call that missed. */
  public <R> void store(GatewayCall<R> call, R result) {
    // No cache tier is enabled in this build: nothing to write.
  }
}
