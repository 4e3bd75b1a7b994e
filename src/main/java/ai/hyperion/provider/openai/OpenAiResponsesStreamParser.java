package ai.hyperion.provider.openai;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.SseEvent;
import ai.hyperion.provider.sse.StreamParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Native OpenAI Responses stream events → canonical stream events: text and reasoning deltas,
 * function calls (numbered in the order they start), and the end with its status and usage.
 * Hosted-tool progress events carry nothing the canonical stream can hold and are skipped. One per
 * stream.
 */
final class OpenAiResponsesStreamParser implements StreamParser {

  private final String provider;
  private final Map<Integer, Integer> callIndexByOutput = new HashMap<>();
  private boolean done;

  OpenAiResponsesStreamParser(String provider) {
    this.provider = provider;
  }

  @Override
  public void accept(SseEvent event, Consumer<StreamEvent> out) {
    JsonNode data;
    try {
      data = Json.parse(event.data());
    } catch (JsonProcessingException e) {
      throw ProviderException.malformed(provider, "a stream event is not JSON");
    }
    String type = data.path("type").asText(event.event() == null ? "" : event.event());
    switch (type) {
      case "response.created" -> {
        JsonNode response = data.path("response");
        out.accept(
            new StreamEvent.Start(
                Json.text(response, "id"),
                Json.text(response, "model"),
                response.path("created_at").asLong()));
      }
      case "response.output_text.delta" ->
          out.accept(new StreamEvent.TextDelta(0, data.path("delta").asText("")));
      case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
          out.accept(new StreamEvent.ReasoningDelta(0, data.path("delta").asText("")));
      case "response.output_item.added" -> {
        JsonNode item = data.path("item");
        if ("function_call".equals(item.path("type").asText())) {
          int index = callIndexByOutput.size();
          callIndexByOutput.put(data.path("output_index").asInt(), index);
          out.accept(
              new StreamEvent.ToolCallDelta(
                  0,
                  index,
                  Json.text(item, "call_id"),
                  Json.text(item, "name"),
                  item.path("arguments").asText("")));
        }
      }
      case "response.function_call_arguments.delta" -> {
        Integer index = callIndexByOutput.get(data.path("output_index").asInt());
        if (index != null) {
          out.accept(
              new StreamEvent.ToolCallDelta(0, index, null, null, data.path("delta").asText("")));
        }
      }
      case "response.completed", "response.incomplete" -> {
        done = true;
        JsonNode response = data.path("response");
        out.accept(
            new StreamEvent.Finish(
                0, OpenAiResponsesTranslator.finishReason(response, !callIndexByOutput.isEmpty())));
        Usage usage = OpenAiResponsesTranslator.readUsage(response.get("usage"));
        if (usage != null) {
          out.accept(new StreamEvent.UsageReport(usage));
        }
      }
      case "response.failed", "error" -> {
        JsonNode error = data.has("response") ? data.path("response").path("error") : data;
        String message = Json.text(error, "message");
        throw new ProviderException(
            502,
            "upstream_error",
            Json.text(error, "code"),
            null,
            message == null ? "Provider '" + provider + "' failed the response." : message,
            false);
      }
      default -> {
        // in_progress, content_part, *.done and hosted-tool events repeat what we already have.
      }
    }
  }

  @Override
  public boolean finished() {
    return done;
  }
}
