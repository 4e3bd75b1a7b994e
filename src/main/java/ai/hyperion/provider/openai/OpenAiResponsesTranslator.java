package ai.hyperion.provider.openai;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A native OpenAI Responses answer ({@code "object":"response"}) → canonical model, for metering,
 * cache and audit; the answer itself is kept whole in {@link ResponsesBody#NATIVE_ANSWER}.
 */
final class OpenAiResponsesTranslator {

  private OpenAiResponsesTranslator() {}

  static ChatResponse read(JsonNode body, String provider) {
    JsonNode output = body.get("output");
    if (output == null || !output.isArray()) {
      throw ProviderException.malformed(provider, "no 'output' array");
    }
    StringBuilder text = new StringBuilder();
    boolean anyText = false;
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode item : output) {
      switch (item.path("type").asText()) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            if ("output_text".equals(part.path("type").asText())) {
              text.append(part.path("text").asText());
              anyText = true;
            }
          }
        }
        case "function_call" ->
            calls.add(
                new ToolCall(
                    Json.text(item, "call_id"),
                    Json.text(item, "name"),
                    item.path("arguments").asText("")));
        default -> {
          // Hosted tool calls and reasoning stay in the native answer only.
        }
      }
    }
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            anyText ? List.of(new ContentPart.Text(text.toString())) : null,
            true,
            calls,
            null,
            null);
    FinishReason finish = finishReason(body, !calls.isEmpty());
    return new ChatResponse(
        Json.text(body, "id"),
        body.path("created_at").asLong(),
        Json.text(body, "model"),
        List.of(new ChatResponse.Choice(0, message, finish, null)),
        readUsage(body.get("usage")),
        Json.object().set(ResponsesBody.NATIVE_ANSWER, body));
  }

  static FinishReason finishReason(JsonNode response, boolean calledTools) {
    if ("incomplete".equals(response.path("status").asText())) {
      String reason = response.path("incomplete_details").path("reason").asText();
      return "content_filter".equals(reason) ? FinishReason.CONTENT_FILTER : FinishReason.LENGTH;
    }
    return calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
  }

  static Usage readUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    return new Usage(
        Json.integer(usage, "input_tokens"),
        Json.integer(usage, "output_tokens"),
        Json.integer(usage.path("input_tokens_details"), "cached_tokens"),
        0,
        Json.integer(usage.path("output_tokens_details"), "reasoning_tokens"));
  }
}
