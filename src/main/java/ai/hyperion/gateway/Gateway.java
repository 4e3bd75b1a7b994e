package ai.hyperion.gateway;

import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.CacheLookup;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.CompletionRecorded;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PiiProtected;
import ai.hyperion.pipeline.PolicyEnforced;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.routing.AttemptPlan;
import ai.hyperion.routing.Router;
import ai.hyperion.stream.StreamTap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * The data-plane orchestrator for one call: completion, policy and cache run as interceptors around
 * these methods (see {@link ai.hyperion.pipeline.PipelinePriorities}); inside, routing builds the
 * attempt plan and the executor runs it. Nothing here blocks: the result is a stage completed by
 * the upstream's callbacks. A stream is tapped, so its end is known to the stages that act after
 * it.
 */
@ApplicationScoped
@CompletionRecorded
@PolicyEnforced
@PiiProtected
@CacheLookup
public class Gateway {

  private Router router;
  private AttemptExecutor executor;

  protected Gateway() {}

  @Inject
  public Gateway(Router router, AttemptExecutor executor) {
    this.router = router;
    this.executor = executor;
  }

  public CompletionStage<ChatResult> chat(ChatCall call) {
    AttemptPlan plan = route(call);
    if (call.request().stream()) {
      return executor.execute(
          call.exchange(),
          plan,
          attempt ->
              attempt.deployment().adapter().stream(
                      call.request().withModel(attempt.model().upstreamModel()), attempt.key())
                  .thenApply(
                      events -> {
                        StreamTap tap = new StreamTap(events);
                        return new ChatResult.Streaming(tap, tap);
                      }));
    }
    return executor.execute(
        call.exchange(),
        plan,
        attempt ->
            attempt
                .deployment()
                .adapter()
                .chat(call.request().withModel(attempt.model().upstreamModel()), attempt.key())
                .thenApply(
                    response -> new ChatResult.Complete(response.withModel(attempt.model().id()))));
  }

  public CompletionStage<EmbeddingResponse> embed(EmbeddingCall call) {
    AttemptPlan plan = route(call);
    return executor.execute(
        call.exchange(),
        plan,
        attempt -> {
          if (!(attempt.deployment().adapter() instanceof EmbeddingProvider embeddings)) {
            throw new RequestRefusedException(
                400,
                "invalid_request_error",
                "model_not_supported",
                "model",
                "The provider '" + attempt.deployment().name() + "' does not offer embeddings.");
          }
          return embeddings
              .embed(call.request().withModel(attempt.model().upstreamModel()), attempt.key())
              .thenApply(response -> response.withModel(attempt.model().id()));
        });
  }

  private AttemptPlan route(GatewayCall<?> call) {
    call.exchange().requestedModel(call.requestedModel());
    return call.exchange().timed(Stage.ROUTE, () -> router.plan(call, call.exchange().admission()));
  }
}
