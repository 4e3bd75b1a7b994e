package ai.hyperion.provider.bedrock;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Bedrock Converse response → canonical {@link ChatResponse}. Converse has no response id or
 * timestamp, so the caller supplies them; the model is the one that was asked for. Reasoning text
 * ({@code reasoningContent}) is kept as {@code reasoning_content} on the message.
 */
final class BedrockResponseTranslator {

  private BedrockResponseTranslator() {}

  static ChatResponse read(JsonNode body, String provider, String model, String id, long created) {
    JsonNode message = body.path("output").path("message");
    if (!message.isObject()) {
      throw ProviderException.malformed(provider, "no 'output.message'");
    }
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    boolean anyText = false;
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : message.path("content")) {
      if (block.has("text")) {
        text.append(block.get("text").asText());
        anyText = true;
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        JsonNode input = use.get("input");
        calls.add(
            new ToolCall(
                Json.text(use, "toolUseId"),
                Json.text(use, "name"),
                input == null || input.isNull() ? "{}" : Json.string(input)));
      } else if (block.has("reasoningContent")) {
        String thought = Json.text(block.get("reasoningContent").path("reasoningText"), "text");
        if (thought != null) {
          reasoning.append(thought);
        }
      }
    }
    ObjectNode extras = null;
    if (reasoning.length() > 0) {
      extras = Json.object().put("reasoning_content", reasoning.toString());
    }
    ChatMessage canonical =
        new ChatMessage(
            Role.ASSISTANT,
            anyText ? List.of(new ContentPart.Text(text.toString())) : null,
            true,
            calls,
            null,
            extras);
    ChatResponse.Choice choice =
        new ChatResponse.Choice(0, canonical, finishReason(Json.text(body, "stopReason")), null);
    return new ChatResponse(
        id, created, model, List.of(choice), readUsage(body.get("usage")), null);
  }

  /** Bedrock stopReason → OpenAI finish_reason; unknown reasons read as a normal stop. */
  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "content_filtered", "guardrail_intervened" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP;
    };
  }

  /**
   * Bedrock's {@code inputTokens} counts only the uncached input; cache reads and writes are
   * reported beside it (AWS prompt-caching guide: total input = inputTokens + cacheReadInputTokens
   * + cacheWriteInputTokens). OpenAI's prompt_tokens includes both, so they are added back.
   */
  static Usage readUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    int cacheRead = Json.integer(usage, "cacheReadInputTokens");
    int cacheWrite = Json.integer(usage, "cacheWriteInputTokens");
    return new Usage(
        Json.integer(usage, "inputTokens") + cacheRead + cacheWrite,
        Json.integer(usage, "outputTokens"),
        cacheRead,
        cacheWrite,
        0);
  }
}
