package ai.hyperion.pipeline;

import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.routing.AttemptExecutor;
import ai.hyperion.routing.AttemptPlan;
import ai.hyperion.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;

/**
 * The data-plane pipeline for one call: policy and cache run as interceptors around these methods
 * (see {@link PipelinePriorities}); inside, routing builds the attempt plan and the executor runs
 * it. Nothing here blocks: the result is a stage completed by the upstream's callbacks.
 */
@ApplicationScoped
@PolicyEnforced
@CacheLookup
public class ChatGateway {

  @Inject Router router;
  @Inject AttemptExecutor executor;

  public CompletionStage<ChatResult> chat(ChatCall call) {
    Exchange exchange = call.exchange();
    AttemptPlan plan = route(call, call.request().stream() ? "stream" : "chat");
    if (call.request().stream()) {
      return executor.execute(
          exchange,
          plan,
          attempt ->
              attempt.provider().stream(call.request().withModel(attempt.model().upstreamModel()))
                  .thenApply(ChatResult.Streaming::new));
    }
    return executor.execute(
        exchange,
        plan,
        attempt ->
            attempt
                .provider()
                .chat(call.request().withModel(attempt.model().upstreamModel()))
                .thenApply(
                    response -> new ChatResult.Complete(response.withModel(attempt.model().id()))));
  }

  public CompletionStage<EmbeddingResponse> embed(EmbeddingCall call) {
    AttemptPlan plan = route(call, "embeddings");
    return executor.execute(
        call.exchange(),
        plan,
        attempt -> {
          if (!(attempt.provider() instanceof EmbeddingProvider embeddings)) {
            throw new GatewayException(
                400,
                "invalid_request_error",
                "model_not_supported",
                "model",
                "The provider '" + attempt.provider().name() + "' does not offer embeddings.");
          }
          return embeddings
              .embed(call.request().withModel(attempt.model().upstreamModel()))
              .thenApply(response -> response.withModel(attempt.model().id()));
        });
  }

  private AttemptPlan route(GatewayCall call, String capability) {
    long start = System.nanoTime();
    try {
      call.exchange().requestedModel(call.requestedModel());
      return router.plan(
          call.requestedModel(), call.options().fallbacks(), call.exchange().tenant(), capability);
    } finally {
      call.exchange().record(Stage.ROUTE, System.nanoTime() - start);
    }
  }
}
