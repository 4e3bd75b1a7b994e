package ai.hyperion.policy;

import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.OnceAdmission;
import ai.hyperion.pipeline.PipelinePriorities;
import ai.hyperion.pipeline.PolicyEnforced;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Usage;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs {@link PolicyStage} around the gateway: admits (timed as the policy stage) before the call
 * proceeds, then ends the admission exactly once — settled with the usage the answer or the stream
 * reported, released when the call failed before producing anything.
 */
@Interceptor
@PolicyEnforced
@Priority(PipelinePriorities.POLICY)
public class PolicyInterceptor {

  @Inject PolicyStage policy;

  @AroundInvoke
  public Object enforce(InvocationContext context) {
    GatewayCall<?> call = (GatewayCall<?>) context.getParameters()[0];
    return call.exchange()
        .timedAsync(Stage.POLICY, () -> policy.admit(call))
        .thenCompose(
            admitted -> {
              OnceAdmission admission = new OnceAdmission(admitted);
              call.exchange().admission(admission);
              CompletionStage<?> result = proceed(context);
              result.whenComplete((value, failure) -> end(call, admission, value, failure));
              return result;
            });
  }

  private static CompletionStage<?> proceed(InvocationContext context) {
    try {
      return (CompletionStage<?>) context.proceed();
    } catch (Exception refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  private static void end(
      GatewayCall<?> call, OnceAdmission admission, Object value, Throwable failure) {
    if (failure != null) {
      admission.release();
    } else if (call.exchange().cacheStatus() == CacheStatus.HIT) {
      // A cached answer cost nothing upstream: it counts as a request, not as tokens or money.
      admission.settle(Usage.NONE, call.exchange().servedModel());
    } else if (value instanceof ChatResult.Streaming streaming) {
      streaming.ending().ended().thenAccept(end -> settleOrRelease(call, admission, end.usage()));
    } else if (value instanceof ChatResult.Complete complete) {
      settleOrRelease(call, admission, complete.response().usage());
    } else if (value instanceof EmbeddingResponse embeddings) {
      settleOrRelease(call, admission, embeddings.usage());
    } else {
      admission.release();
    }
  }

  private static void settleOrRelease(GatewayCall<?> call, OnceAdmission admission, Usage usage) {
    if (usage == null) {
      admission.release();
    } else {
      admission.settle(usage, call.exchange().servedModel());
    }
  }
}
