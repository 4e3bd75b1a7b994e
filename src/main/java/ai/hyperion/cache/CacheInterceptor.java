package ai.hyperion.cache;

import ai.hyperion.pipeline.CacheLookup;
import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PipelinePriorities;
import ai.hyperion.pipeline.Stage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@link CacheStage} around the gateway: a hit answers without routing or execution; after a
 * miss the result is handed to the miss's write-back.
 */
@Interceptor
@CacheLookup
@Priority(PipelinePriorities.CACHE)
public class CacheInterceptor {

  private static final Logger LOG = Logger.getLogger(CacheInterceptor.class.getName());

  @Inject CacheStage cache;

  @AroundInvoke
  public Object lookup(InvocationContext context) {
    @SuppressWarnings("unchecked")
    GatewayCall<Object> call = (GatewayCall<Object>) context.getParameters()[0];
    return call.exchange()
        .timedAsync(Stage.CACHE, () -> cache.lookup(call))
        .thenCompose(outcome -> answer(context, call, outcome));
  }

  private CompletionStage<Object> answer(
      InvocationContext context, GatewayCall<Object> call, CacheOutcome<Object> outcome) {
    if (outcome instanceof CacheOutcome.Hit<Object> hit) {
      return CompletableFuture.completedFuture(hit.result());
    }
    CompletionStage<Object> result = proceed(context);
    if (outcome instanceof CacheOutcome.Miss<Object> miss) {
      result.thenAccept(value -> writeBack(call, miss, value));
    }
    return result;
  }

  /** A failed write-back must not change the answer the client already has; it is reported. */
  private static void writeBack(
      GatewayCall<Object> call, CacheOutcome.Miss<Object> miss, Object value) {
    try {
      miss.writeBack().accept(value);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Cache write-back for " + call.exchange().requestId() + " failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static CompletionStage<Object> proceed(InvocationContext context) {
    try {
      return (CompletionStage<Object>) context.proceed();
    } catch (Exception failed) {
      return CompletableFuture.failedFuture(failed);
    }
  }
}
