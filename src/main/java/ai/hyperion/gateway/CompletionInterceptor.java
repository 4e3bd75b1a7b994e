package ai.hyperion.gateway;

import ai.hyperion.pipeline.CompletionRecorded;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PipelinePriorities;
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
 * Outermost around the gateway: reports the call's final outcome to the {@link CompletionRecorder}
 * (a refusal, a cache hit, an answer, or a stream once it ended).
 */
@Interceptor
@CompletionRecorded
@Priority(PipelinePriorities.COMPLETION)
public class CompletionInterceptor {

  private static final Logger LOG = Logger.getLogger(CompletionInterceptor.class.getName());

  @Inject CompletionRecorder recorder;

  @AroundInvoke
  public Object complete(InvocationContext context) throws Exception {
    GatewayCall<?> call = (GatewayCall<?>) context.getParameters()[0];
    CompletionStage<?> result;
    try {
      result = (CompletionStage<?>) context.proceed();
    } catch (RuntimeException refused) {
      result = CompletableFuture.failedFuture(refused);
    }
    result.whenComplete(
        (value, failure) -> {
          try {
            if (failure != null) {
              recorder.failed(call.exchange(), failure);
            } else {
              recorder.succeeded(call.exchange(), value);
            }
          } catch (RuntimeException observerBug) {
            // An observer's bug must not change the client's answer; it is still reported.
            LOG.log(
                Level.SEVERE,
                "Completion of " + call.exchange().requestId() + " failed",
                observerBug);
          }
        });
    return result;
  }
}
