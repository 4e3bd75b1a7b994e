package ai.hyperion.provider.anthropic;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic {@code message} body → canonical {@link ChatResponse}. Thinking blocks become the
 * assistant message's {@code reasoning_content} and {@code thinking_blocks} extras (the names
 * OpenAI-compatible clients know from LiteLLM), so a client can send them back with tool results.
 */
final class AnthropicResponseTranslator {

  private AnthropicResponseTranslator() {}

  /** {@code jsonTool}: the request asked for JSON through the forced {@code json} tool. */
  static ChatResponse fromWire(JsonNode body, String provider, boolean jsonTool) {
    return fromWire(body, provider, jsonTool, Continuity.none("anthropic"));
  }

  /**
   * As above; thinking blocks that precede tool calls are also kept server-side under the calls'
   * ids, so the next turn can send them back even when the client drops {@code thinking_blocks}.
   */
  static ChatResponse fromWire(
      JsonNode body, String provider, boolean jsonTool, Continuity continuity) {
    JsonNode content = body.get("content");
    if (content == null || !content.isArray()) {
      throw ProviderException.malformed(provider, "no 'content' array");
    }
    StringBuilder text = new StringBuilder();
    boolean anyText = false;
    boolean answeredByJsonTool = false;
    List<ToolCall> calls = new ArrayList<>();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode thinkingBlocks = Json.NODES.arrayNode();
    for (JsonNode block : content) {
      String type = Json.text(block, "type");
      if ("text".equals(type)) {
        text.append(block.path("text").asText());
        anyText = true;
      } else if ("tool_use".equals(type)) {
        if (jsonTool && AnthropicRequestTranslator.JSON_TOOL.equals(Json.text(block, "name"))) {
          text.append(Json.string(block.path("input")));
          anyText = true;
          answeredByJsonTool = true;
        } else {
          calls.add(
              new ToolCall(
                  Json.text(block, "id"),
                  Json.text(block, "name"),
                  Json.string(block.path("input"))));
        }
      } else if ("thinking".equals(type)) {
        reasoning.append(block.path("thinking").asText());
        thinkingBlocks.add(block);
      } else if ("redacted_thinking".equals(type)) {
        thinkingBlocks.add(block);
      }
    }
    if (!thinkingBlocks.isEmpty()) {
      String blocks = Json.string(thinkingBlocks);
      calls.forEach(c -> continuity.remember(c.id(), ResumeState.THINKING_BLOCKS, blocks));
    }
    ObjectNode extras = null;
    if (!thinkingBlocks.isEmpty()) {
      extras = Json.object();
      if (reasoning.length() > 0) {
        extras.put("reasoning_content", reasoning.toString());
      }
      extras.set(ChatMessage.THINKING_BLOCKS, thinkingBlocks);
    }
    String refusal = Json.text(body.path("stop_details"), "explanation");
    if ("refusal".equals(Json.text(body, "stop_reason")) && refusal != null) {
      extras = extras == null ? Json.object() : extras;
      extras.put("refusal", refusal);
    }
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            anyText ? List.of(new ContentPart.Text(text.toString())) : null,
            true,
            calls,
            null,
            extras);
    FinishReason finish = finishReason(Json.text(body, "stop_reason"));
    if (answeredByJsonTool && finish == FinishReason.TOOL_CALLS && calls.isEmpty()) {
      finish = FinishReason.STOP;
    }
    return new ChatResponse(
        Json.text(body, "id"),
        System.currentTimeMillis() / 1000,
        Json.text(body, "model"),
        List.of(new ChatResponse.Choice(0, message, finish, null)),
        readUsage(body.get("usage")),
        null);
  }

  static FinishReason finishReason(String stopReason) {
    if (stopReason == null) {
      return null;
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
      case "tool_use" -> FinishReason.TOOL_CALLS;
      case "refusal" -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.STOP; // end_turn, stop_sequence, pause_turn
    };
  }

  /**
   * Anthropic counts cache reads and writes apart from {@code input_tokens}; OpenAI includes them.
   */
  static Usage readUsage(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return null;
    }
    int cacheWrite = Json.integer(usage, "cache_creation_input_tokens");
    int cacheRead = Json.integer(usage, "cache_read_input_tokens");
    return new Usage(
        Json.integer(usage, "input_tokens") + cacheWrite + cacheRead,
        Json.integer(usage, "output_tokens"),
        cacheRead,
        cacheWrite,
        0);
  }
}
