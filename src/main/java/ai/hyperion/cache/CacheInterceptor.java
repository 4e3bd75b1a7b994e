package ai.hyperion.cache;

import ai.hyperion.pipeline.CacheLookup;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PipelinePriorities;
import ai.hyperion.pipeline.Stage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Runs {@link CacheStage} before routing; a hit short-circuits routing and execution. */
@Interceptor
@CacheLookup
@Priority(PipelinePriorities.CACHE)
public class CacheInterceptor {

  @Inject CacheStage cache;

  @AroundInvoke
  public Object lookup(InvocationContext context) throws Exception {
    GatewayCall call = (GatewayCall) context.getParameters()[0];
    long start = System.nanoTime();
    Optional<Object> hit;
    try {
      hit = cache.lookup(call);
    } finally {
      call.exchange().record(Stage.CACHE, System.nanoTime() - start);
    }
    if (hit.isPresent()) {
      return CompletableFuture.completedFuture(hit.get());
    }
    return context.proceed();
  }
}
