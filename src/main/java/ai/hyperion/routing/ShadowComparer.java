package ai.hyperion.routing;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Redaction;
import ai.hyperion.provider.Usage;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Replays one answered request against its shadow model (never streamed, same messages, tools and
 * limits) and compares: latency, tokens, cost, and {@link AnswerSimilarity} of the two answers. A
 * failed shadow call is a result too (status {@code error: ...}); nothing here touches the primary.
 */
public final class ShadowComparer {

  /** Calls a model for the shadow (the executor's attempt path, without fallbacks). */
  @FunctionalInterface
  public interface ShadowCall {
    CompletionStage<ChatResponse> call(CatalogModel model, ChatRequest request);
  }

  /** Prices a usage on a model (metering's cost calculator); null when unknown. */
  @FunctionalInterface
  public interface Pricing {
    Double cost(CatalogModel model, Usage usage);
  }

  private final ShadowCall call;
  private final Pricing pricing;
  private final Clock clock;

  public ShadowComparer(ShadowCall call, Pricing pricing, Clock clock) {
    this.call = call;
    this.pricing = pricing;
    this.clock = clock;
  }

  public CompletionStage<ShadowResult> compare(ShadowJob job) {
    ChatRequest request =
        new ChatRequest(
            job.shadowModel().upstreamModel(),
            job.request().messages(),
            false,
            false,
            job.request().maxTokens(),
            job.request().maxCompletionTokens(),
            job.request().temperature(),
            job.request().topP(),
            job.request().stop(),
            job.request().tools(),
            job.request().toolChoice(),
            job.request().responseFormat(),
            job.request().extras());
    long start = System.nanoTime();
    CompletionStage<ChatResponse> stage;
    try {
      stage = call.call(job.shadowModel(), request);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.handle(
        (response, failure) -> {
          long millis = (System.nanoTime() - start) / 1_000_000;
          Usage primary = job.primaryUsage();
          if (failure != null) {
            Throwable cause = FailureKind.unwrap(failure);
            return result(
                job,
                millis,
                null,
                null,
                null,
                "error: " + Redaction.redact(String.valueOf(cause.getMessage())));
          }
          Usage usage = response.usage();
          return result(
              job,
              millis,
              usage,
              usage == null ? null : pricing.cost(job.shadowModel(), usage),
              AnswerSimilarity.of(job.primaryAnswer(), text(response)),
              "ok");
        });
  }

  private ShadowResult result(
      ShadowJob job,
      long shadowMillis,
      Usage shadow,
      Double shadowCost,
      Double similarity,
      String status) {
    Usage primary = job.primaryUsage();
    return new ShadowResult(
        "shd_" + UUID.randomUUID().toString().replace("-", ""),
        job.orgId(),
        job.requestId(),
        job.primaryModel().id(),
        job.shadowModel().id(),
        job.primaryLatencyMillis(),
        shadowMillis,
        primary == null ? null : primary.promptTokens(),
        primary == null ? null : primary.completionTokens(),
        shadow == null ? null : shadow.promptTokens(),
        shadow == null ? null : shadow.completionTokens(),
        job.primaryCostUsd(),
        shadowCost,
        similarity,
        status.length() > 300 ? status.substring(0, 300) : status,
        clock.instant());
  }

  /** The text of the first choice. */
  static String text(ChatResponse response) {
    if (response.choices().isEmpty()) {
      return "";
    }
    ChatMessage message = response.choices().get(0).message();
    String text = message == null ? null : message.text();
    return text == null ? "" : text;
  }
}
