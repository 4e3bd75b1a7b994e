package ai.hyperion.provider.openai;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.SseEvent;
import ai.hyperion.provider.sse.StreamParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** OpenAI {@code chat.completion.chunk} events → canonical stream events. One per stream. */
final class OpenAiStreamParser implements StreamParser {

  private final String provider;
  private boolean started;
  private boolean done;

  public OpenAiStreamParser(String provider) {
    this.provider = provider;
  }

  @Override
  public void accept(SseEvent event, Consumer<StreamEvent> out) {
    String data = event.data();
    if ("[DONE]".equals(data.strip())) {
      done = true;
      return;
    }
    JsonNode chunk;
    try {
      chunk = Json.parse(data);
    } catch (JsonProcessingException e) {
      throw ProviderException.malformed(provider, "a stream chunk is not JSON");
    }
    if (chunk.has("error")) {
      throw OpenAiResponseTranslator.readError(
          provider, 500, data.getBytes(StandardCharsets.UTF_8));
    }
    if (!started) {
      started = true;
      out.accept(
          new StreamEvent.Start(
              Json.text(chunk, "id"), Json.text(chunk, "model"), chunk.path("created").asLong()));
    }
    for (JsonNode choice : chunk.path("choices")) {
      int index = choice.path("index").asInt();
      JsonNode delta = choice.path("delta");
      String content = Json.text(delta, "content");
      if (content != null && !content.isEmpty()) {
        out.accept(new StreamEvent.TextDelta(index, content));
      }
      String reasoning = Json.text(delta, "reasoning_content");
      if (reasoning != null && !reasoning.isEmpty()) {
        out.accept(new StreamEvent.ReasoningDelta(index, reasoning));
      }
      for (JsonNode call : delta.path("tool_calls")) {
        JsonNode function = call.path("function");
        out.accept(
            new StreamEvent.ToolCallDelta(
                index,
                call.path("index").asInt(),
                Json.text(call, "id"),
                Json.text(function, "name"),
                function.path("arguments").asText("")));
      }
      String finish = Json.text(choice, "finish_reason");
      if (finish != null) {
        out.accept(new StreamEvent.Finish(index, FinishReason.fromWire(finish)));
      }
    }
    Usage usage = OpenAiResponseTranslator.readUsage(chunk.get("usage"));
    if (usage != null) {
      out.accept(new StreamEvent.UsageReport(usage));
    }
  }

  @Override
  public boolean finished() {
    return done;
  }
}
