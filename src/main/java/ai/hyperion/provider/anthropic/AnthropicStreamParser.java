package ai.hyperion.provider.anthropic;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.SseEvent;
import ai.hyperion.provider.sse.StreamParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic Messages stream events → canonical stream events. One per stream. Tool calls are
 * numbered across {@code tool_use} blocks only (a text block before them does not take an index),
 * the way OpenAI numbers {@code tool_calls}. {@code message_stop} is the terminal event; an {@code
 * error} event (possible after HTTP 200) fails the stream.
 */
final class AnthropicStreamParser implements StreamParser {

  private enum Block {
    TEXT,
    TOOL,
    JSON_ANSWER,
    THINKING,
    OTHER
  }

  private final String provider;
  private final boolean jsonTool;
  private final Continuity continuity;

  /** The thinking blocks seen so far, rebuilt with their signatures, to keep for tool calls. */
  private final ArrayNode thinking = Json.NODES.arrayNode();

  private final Map<Integer, ObjectNode> thinkingOfBlock = new HashMap<>();
  private final Map<Integer, Block> blocks = new HashMap<>();
  private final Map<Integer, Integer> toolIndexOfBlock = new HashMap<>();
  private int toolCalls;
  private boolean answeredByJsonTool;
  private int inputTokens;
  private int cacheWriteTokens;
  private int cacheReadTokens;
  private int outputTokens;
  private boolean done;

  public AnthropicStreamParser(String provider) {
    this(provider, false);
  }

  /** {@code jsonTool}: the request asked for JSON through the forced {@code json} tool. */
  AnthropicStreamParser(String provider, boolean jsonTool) {
    this(provider, jsonTool, Continuity.none("anthropic"));
  }

  AnthropicStreamParser(String provider, boolean jsonTool, Continuity continuity) {
    this.provider = provider;
    this.jsonTool = jsonTool;
    this.continuity = continuity;
  }

  @Override
  public void accept(SseEvent event, Consumer<StreamEvent> out) {
    JsonNode data;
    try {
      data = Json.parse(event.data());
    } catch (JsonProcessingException e) {
      throw ProviderException.malformed(provider, "a stream event is not JSON");
    }
    String type = data.path("type").isTextual() ? data.get("type").asText() : event.event();
    if (type == null) {
      return;
    }
    switch (type) {
      case "message_start" -> messageStart(data.path("message"), out);
      case "content_block_start" ->
          blockStart(data.path("index").asInt(), data.path("content_block"), out);
      case "content_block_delta" -> blockDelta(data.path("index").asInt(), data.path("delta"), out);
      case "message_delta" -> messageDelta(data, out);
      case "message_stop" -> done = true;
      case "error" -> throw AnthropicErrorTranslator.fromStreamEvent(provider, data);
      default -> {
        // ping, content_block_stop and event types added later carry nothing to translate
      }
    }
  }

  @Override
  public boolean finished() {
    return done;
  }

  private void messageStart(JsonNode message, Consumer<StreamEvent> out) {
    readUsage(message.path("usage"));
    out.accept(
        new StreamEvent.Start(
            Json.text(message, "id"),
            Json.text(message, "model"),
            System.currentTimeMillis() / 1000));
  }

  private void blockStart(int index, JsonNode block, Consumer<StreamEvent> out) {
    String type = Json.text(block, "type");
    if ("text".equals(type)) {
      blocks.put(index, Block.TEXT);
      emitText(block.path("text").asText(""), out);
    } else if ("tool_use".equals(type)) {
      if (jsonTool && AnthropicRequestTranslator.JSON_TOOL.equals(Json.text(block, "name"))) {
        blocks.put(index, Block.JSON_ANSWER);
        answeredByJsonTool = true;
        return;
      }
      blocks.put(index, Block.TOOL);
      if (!thinking.isEmpty()) {
        continuity.remember(
            Json.text(block, "id"), ResumeState.THINKING_BLOCKS, Json.string(thinking));
      }
      int toolIndex = toolCalls++;
      toolIndexOfBlock.put(index, toolIndex);
      out.accept(
          new StreamEvent.ToolCallDelta(
              0, toolIndex, Json.text(block, "id"), Json.text(block, "name"), ""));
    } else if ("thinking".equals(type)) {
      blocks.put(index, Block.THINKING);
      String text = block.path("thinking").asText("");
      ObjectNode kept = thinking.addObject().put("type", "thinking").put("thinking", text);
      kept.put("signature", block.path("signature").asText(""));
      thinkingOfBlock.put(index, kept);
      if (!text.isEmpty()) {
        out.accept(new StreamEvent.ReasoningDelta(0, text));
      }
    } else if ("redacted_thinking".equals(type)) {
      blocks.put(index, Block.OTHER);
      thinking.add(block);
    } else {
      blocks.put(index, Block.OTHER);
    }
  }

  private void blockDelta(int index, JsonNode delta, Consumer<StreamEvent> out) {
    Block block = blocks.getOrDefault(index, Block.OTHER);
    String type = Json.text(delta, "type");
    if ("text_delta".equals(type)) {
      emitText(delta.path("text").asText(""), out);
    } else if ("thinking_delta".equals(type)) {
      String text = delta.path("thinking").asText("");
      ObjectNode kept = thinkingOfBlock.get(index);
      if (kept != null) {
        kept.put("thinking", kept.path("thinking").asText("") + text);
      }
      if (!text.isEmpty()) {
        out.accept(new StreamEvent.ReasoningDelta(0, text));
      }
    } else if ("signature_delta".equals(type)) {
      ObjectNode kept = thinkingOfBlock.get(index);
      if (kept != null) {
        kept.put(
            "signature", kept.path("signature").asText("") + delta.path("signature").asText(""));
      }
    } else if ("input_json_delta".equals(type)) {
      String fragment = delta.path("partial_json").asText("");
      if (fragment.isEmpty()) {
        return;
      }
      if (block == Block.JSON_ANSWER) {
        out.accept(new StreamEvent.TextDelta(0, fragment));
      } else if (block == Block.TOOL) {
        out.accept(
            new StreamEvent.ToolCallDelta(0, toolIndexOfBlock.get(index), null, null, fragment));
      }
    }
  }

  private void messageDelta(JsonNode data, Consumer<StreamEvent> out) {
    String stopReason = Json.text(data.path("delta"), "stop_reason");
    if (stopReason != null) {
      FinishReason reason = AnthropicResponseTranslator.finishReason(stopReason);
      if (reason == FinishReason.TOOL_CALLS && answeredByJsonTool && toolCalls == 0) {
        reason = FinishReason.STOP;
      }
      out.accept(new StreamEvent.Finish(0, reason));
    }
    readUsage(data.path("usage"));
    out.accept(
        new StreamEvent.UsageReport(
            new Usage(
                inputTokens + cacheWriteTokens + cacheReadTokens,
                outputTokens,
                cacheReadTokens,
                cacheWriteTokens,
                0)));
  }

  /**
   * message_start carries the input side; message_delta the cumulative output and, lately, input
   * again.
   */
  private void readUsage(JsonNode usage) {
    inputTokens =
        usage.path("input_tokens").isNumber() ? usage.get("input_tokens").asInt() : inputTokens;
    cacheWriteTokens =
        usage.path("cache_creation_input_tokens").isNumber()
            ? usage.get("cache_creation_input_tokens").asInt()
            : cacheWriteTokens;
    cacheReadTokens =
        usage.path("cache_read_input_tokens").isNumber()
            ? usage.get("cache_read_input_tokens").asInt()
            : cacheReadTokens;
    outputTokens =
        usage.path("output_tokens").isNumber() ? usage.get("output_tokens").asInt() : outputTokens;
  }

  private static void emitText(String text, Consumer<StreamEvent> out) {
    if (!text.isEmpty()) {
      out.accept(new StreamEvent.TextDelta(0, text));
    }
  }
}
