package ai.hyperion.testing;

import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestOptions;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Usage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Calls, answers and stream endings for pipeline tests without a server. */
public final class Calls {

  private Calls() {}

  public static ChatCall chat(String model, boolean stream, List<String> fallbacks) {
    return chat(model, stream, fallbacks, "Say hello");
  }

  /** A call whose one user message is {@code text} (fakes read their behaviour from it). */
  public static ChatCall chat(String model, boolean stream, List<String> fallbacks, String text) {
    Exchange exchange = new Exchange("/v1/chat/completions", false);
    exchange.tenant(Tenants.member("org", "prefix00", Set.of()));
    ChatRequest request =
        new ChatRequest(
            model,
            List.of(ChatMessage.text(Role.USER, text)),
            stream,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    RequestOptions options =
        new RequestOptions(fallbacks, CacheMode.DEFAULT, null, null, null, false);
    return new ChatCall(exchange, request, options);
  }

  public static ChatCall chat(String model) {
    return chat(model, false, List.of());
  }

  public static ChatResponse answer(String text, Usage usage) {
    return new ChatResponse(
        "chatcmpl-1",
        1_700_000_000L,
        "gpt-4o",
        List.of(
            new ChatResponse.Choice(
                0, ChatMessage.text(Role.ASSISTANT, text), FinishReason.STOP, null)),
        usage,
        null);
  }

  /** A stream ending the test completes by hand. */
  public static final class ManualEnding implements StreamEnding {
    private final CompletableFuture<StreamEnd> ended = new CompletableFuture<>();

    public void end(StreamEnd end) {
      ended.complete(end);
    }

    @Override
    public void delivered(boolean clientDisconnected, Throwable writerFailure) {}

    @Override
    public CompletionStage<StreamEnd> ended() {
      return ended;
    }
  }
}
