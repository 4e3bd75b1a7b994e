package ai.hyperion.gateway;

import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.CacheLookup;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.CompletionRecorded;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PiiProtected;
import ai.hyperion.pipeline.PolicyEnforced;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingProvider;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.provider.ResponsesProvider;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.routing.Attempt;
import ai.hyperion.routing.RoutePlan;
import ai.hyperion.routing.Router;
import ai.hyperion.routing.ShadowRunner;
import ai.hyperion.stream.StreamTap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.logging.Logger;

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

  private static final Logger LOG = Logger.getLogger(Gateway.class.getName());

  private Router router;
  private AttemptExecutor executor;
  private ShadowRunner shadows;

  /** Live registration, drain limit and usage estimate of streams; null in unit tests. */
  @Inject StreamTaps taps;

  protected Gateway() {}

  @Inject
  public Gateway(Router router, AttemptExecutor executor, ShadowRunner shadows) {
    this.router = router;
    this.executor = executor;
    this.shadows = shadows;
  }

  public CompletionStage<ChatResult> chat(ChatCall call) {
    RoutePlan plan = route(call);
    CompletionStage<ChatResult> result;
    if (call.request().stream()) {
      result =
          executor.execute(
              call.exchange(),
              plan,
              attempt ->
                  openStream(call, attempt)
                      .thenApply(
                          events -> {
                            Flow.Publisher<StreamEvent> watched =
                                executor.idleWatched(events, attempt);
                            StreamTap tap =
                                taps == null ? new StreamTap(watched) : taps.tap(call, watched);
                            return (ChatResult) new ChatResult.Streaming(tap, tap);
                          }),
              AttemptExecutor::streamEnd);
    } else {
      result =
          executor.execute(
              call.exchange(),
              plan,
              attempt ->
                  answer(call, attempt)
                      .thenApply(
                          response ->
                              new ChatResult.Complete(response.withModel(attempt.model().id()))));
    }
    plan.shadowTarget().ifPresent(target -> shadows.after(call, plan, target, result));
    return result;
  }

  private static CompletionStage<ChatResponse> answer(ChatCall call, Attempt attempt) {
    String upstreamModel = attempt.deployment().upstreamModel();
    ResponsesProvider nativeResponses = nativeResponses(call, attempt);
    if (nativeResponses != null) {
      return nativeResponses.respond(call.responsesBody(), upstreamModel, attempt.key());
    }
    return attempt.deployment().adapter().chat(upstreamRequest(call, attempt), attempt.key());
  }

  private static CompletionStage<Flow.Publisher<StreamEvent>> openStream(
      ChatCall call, Attempt attempt) {
    String upstreamModel = attempt.deployment().upstreamModel();
    ResponsesProvider nativeResponses = nativeResponses(call, attempt);
    if (nativeResponses != null) {
      return nativeResponses.streamResponse(call.responsesBody(), upstreamModel, attempt.key());
    }
    return attempt.deployment().adapter().stream(upstreamRequest(call, attempt), attempt.key());
  }

  /**
   * The adapter to send a Responses API call to as sent, or null to translate it to chat; a call
   * using OpenAI's hosted tools cannot be translated and is refused when the upstream is not
   * native.
   */
  private static ResponsesProvider nativeResponses(ChatCall call, Attempt attempt) {
    if (call.responsesBody() == null) {
      return null;
    }
    if (attempt.deployment().adapter() instanceof ResponsesProvider responses
        && responses.speaksResponses()) {
      return responses;
    }
    if (!call.responsesBody().builtInTools().isEmpty()) {
      String tool = call.responsesBody().builtInTools().get(0);
      throw new RequestRefusedException(
          400,
          "invalid_request_error",
          "unsupported_tool",
          "tools",
          "The tool '"
              + tool
              + "' is hosted by OpenAI's Responses API; model '"
              + attempt.model().id()
              + "' is served by provider '"
              + attempt.deployment().provider()
              + "', which does not run it. Use function tools, or a model on an OpenAI provider"
              + " configured with responses-api: native.");
    }
    return null;
  }

  public CompletionStage<EmbeddingResponse> embed(EmbeddingCall call) {
    RoutePlan plan = route(call);
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
                "The provider '"
                    + attempt.deployment().provider()
                    + "' does not offer embeddings.");
          }
          return embeddings
              .embed(call.request().withModel(attempt.deployment().upstreamModel()), attempt.key())
              .thenApply(response -> response.withModel(attempt.model().id()));
        });
  }

  /**
   * The request as this attempt's provider gets it: its model name, the caller's organisation as
   * the scope of provider state kept between turns, and the provider's parameter limits applied
   * (recorded for the {@code x-hyperion-params-adjusted} header and logged; a fallback's own
   * adjustments replace the previous attempt's).
   */
  private static ChatRequest upstreamRequest(ChatCall call, Attempt attempt) {
    Exchange exchange = call.exchange();
    String scope = exchange.tenant() == null ? null : exchange.tenant().orgId();
    ChatRequest request =
        call.request().withModel(attempt.deployment().upstreamModel()).withConversationScope(scope);
    ParameterPolicy.Applied applied =
        attempt.deployment().adapter().parameterPolicy().apply(request);
    exchange.paramsAdjusted(applied.changes());
    if (applied.changed()) {
      LOG.info(
          () ->
              "Request "
                  + exchange.requestId()
                  + ": parameters adjusted for provider '"
                  + attempt.deployment().provider()
                  + "': "
                  + String.join(", ", applied.changes()));
    }
    return applied.request();
  }

  private RoutePlan route(GatewayCall<?> call) {
    call.exchange().requestedModel(call.requestedModel());
    return call.exchange().timed(Stage.ROUTE, () -> router.plan(call, call.exchange().admission()));
  }
}
