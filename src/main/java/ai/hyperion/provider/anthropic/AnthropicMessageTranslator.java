package ai.hyperion.provider.anthropic;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolCallIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Canonical conversation → Anthropic {@code system} blocks and {@code messages}. Anthropic takes
 * only {@code user}/{@code assistant} turns that alternate, so tool results become {@code
 * tool_result} blocks of a user turn, consecutive same-role turns are merged, and within a user
 * turn tool results stay ahead of other blocks (Anthropic rejects them after text).
 */
final class AnthropicMessageTranslator {

  /**
   * Assistant-message extra that carries Anthropic thinking blocks to send back (LiteLLM's name).
   */
  private AnthropicMessageTranslator() {}

  /** The text of every system and developer message, in order, as text blocks. */
  static ArrayNode system(List<ChatMessage> messages) {
    ArrayNode system = Json.NODES.arrayNode();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      if ((message.role() != Role.SYSTEM && message.role() != Role.DEVELOPER)
          || message.content() == null) {
        continue;
      }
      for (ContentPart part : message.content()) {
        if (!(part instanceof ContentPart.Text text)) {
          throw new InvalidRequestException(
              "messages[" + i + "].content",
              "Anthropic accepts only text in system and developer messages.");
        }
        if (!text.text().isEmpty()) {
          system.add(textBlock(text));
        }
      }
    }
    return system;
  }

  static ArrayNode messages(List<ChatMessage> messages) {
    return messages(messages, Continuity.none("anthropic"));
  }

  static ArrayNode messages(List<ChatMessage> messages, Continuity continuity) {
    ArrayNode out = Json.NODES.arrayNode();
    ObjectNode last = null;
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      String path = "messages[" + i + "]";
      String role;
      ArrayNode blocks;
      if (message.role() == Role.USER) {
        role = "user";
        blocks = contentBlocks(message.content(), path);
      } else if (message.role() == Role.TOOL) {
        role = "user";
        blocks = Json.NODES.arrayNode().add(toolResult(message, path));
      } else if (message.role() == Role.ASSISTANT) {
        role = "assistant";
        blocks = assistantBlocks(message, path, continuity);
      } else {
        continue;
      }
      if (blocks.isEmpty()) {
        continue;
      }
      if (last != null && role.equals(last.get("role").asText())) {
        ArrayNode merged = (ArrayNode) last.get("content");
        blocks.forEach(block -> append(merged, block));
      } else {
        last = out.addObject().put("role", role);
        last.set("content", blocks);
      }
    }
    return out;
  }

  /** Appends a block to a turn, keeping {@code tool_result} blocks ahead of everything else. */
  private static void append(ArrayNode turn, JsonNode block) {
    if (!"tool_result".equals(Json.text(block, "type"))) {
      turn.add(block);
      return;
    }
    int at = 0;
    while (at < turn.size() && "tool_result".equals(Json.text(turn.get(at), "type"))) {
      at++;
    }
    turn.insert(at, block);
  }

  private static ArrayNode assistantBlocks(
      ChatMessage message, String path, Continuity continuity) {
    ArrayNode blocks = Json.NODES.arrayNode();
    JsonNode thinking =
        message.extras() == null ? null : message.extras().get(ChatMessage.THINKING_BLOCKS);
    if ((thinking == null || !thinking.isArray()) && !message.toolCalls().isEmpty()) {
      thinking = recallThinking(message.toolCalls().get(0).id(), continuity);
    }
    if (thinking != null && thinking.isArray()) {
      for (JsonNode block : thinking) {
        // A thinking block without its signature (one rebuilt from a stream) can never pass
        // Anthropic's signature check, so it is left out rather than sent.
        if (!"thinking".equals(Json.text(block, "type"))
            || !block.path("signature").asText("").isEmpty()) {
          blocks.add(block);
        }
      }
    }
    blocks.addAll(contentBlocks(message.content(), path));
    List<ToolCall> calls = message.toolCalls();
    for (int c = 0; c < calls.size(); c++) {
      ToolCall call = calls.get(c);
      ObjectNode block =
          blocks
              .addObject()
              .put("type", "tool_use")
              .put("id", ToolCallIds.toPortable(call.id()))
              .put("name", call.name());
      block.set(
          "input",
          argumentsObject(call.arguments(), path + ".tool_calls[" + c + "].function.arguments"));
    }
    return blocks;
  }

  /** The thinking blocks this family kept for a tool call of an earlier turn, or null. */
  private static JsonNode recallThinking(String callId, Continuity continuity) {
    String kept = continuity.recall(callId, ResumeState.THINKING_BLOCKS);
    return kept == null
        ? null
        : Json.tryParse(kept.getBytes(StandardCharsets.UTF_8))
            .filter(JsonNode::isArray)
            .orElse(null);
  }

  /** Whether the last assistant turn that called tools starts with a thinking block. */
  static boolean lastToolTurnHasThinking(ArrayNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode turn = messages.get(i);
      if (!"assistant".equals(Json.text(turn, "role"))) {
        continue;
      }
      JsonNode content = turn.path("content");
      boolean calls = false;
      for (JsonNode block : content) {
        calls |= "tool_use".equals(Json.text(block, "type"));
      }
      if (!calls) {
        return true;
      }
      String first = content.size() == 0 ? null : Json.text(content.get(0), "type");
      return "thinking".equals(first) || "redacted_thinking".equals(first);
    }
    return true;
  }

  private static ObjectNode toolResult(ChatMessage message, String path) {
    if (message.toolCallId() == null) {
      throw new InvalidRequestException(
          path + ".tool_call_id", "Anthropic needs 'tool_call_id' on every tool message.");
    }
    ObjectNode block =
        Json.object()
            .put("type", "tool_result")
            .put("tool_use_id", ToolCallIds.toPortable(message.toolCallId()));
    if (message.content() != null) {
      if (message.textOnly()) {
        block.put("content", message.text() == null ? "" : message.text());
      } else {
        block.set("content", contentBlocks(message.content(), path));
      }
    }
    return block;
  }

  private static ArrayNode contentBlocks(List<ContentPart> parts, String path) {
    ArrayNode blocks = Json.NODES.arrayNode();
    if (parts == null) {
      return blocks;
    }
    for (int p = 0; p < parts.size(); p++) {
      JsonNode block = block(parts.get(p), path + ".content[" + p + "]");
      if (block != null) {
        blocks.add(block);
      }
    }
    return blocks;
  }

  /** One content part as an Anthropic block; null for empty text, which Anthropic rejects. */
  private static JsonNode block(ContentPart part, String path) {
    if (part instanceof ContentPart.Text text) {
      return text.text().isEmpty() ? null : textBlock(text);
    }
    if (part instanceof ContentPart.Image image) {
      ObjectNode block = Json.object().put("type", "image");
      if (image.inline()) {
        if (image.mediaType() == null || image.base64Data() == null) {
          throw new InvalidRequestException(
              path, "An inline image must be a data:<media type>;base64,<data> URL.");
        }
        block
            .putObject("source")
            .put("type", "base64")
            .put("media_type", image.mediaType())
            .put("data", image.base64Data());
      } else {
        block.putObject("source").put("type", "url").put("url", image.url());
      }
      return block;
    }
    if (part instanceof ContentPart.File file) {
      return documentBlock(file);
    }
    JsonNode raw = ((ContentPart.Opaque) part).raw();
    String type = Json.text(raw, "type");
    if ("input_audio".equals(type) || "file".equals(type) || "image_url".equals(type)) {
      throw new InvalidRequestException(
          path,
          "Anthropic cannot take a content part of type '"
              + type
              + "' in this form (audio and file references by id are not supported).");
    }
    // Anything else is a block an Anthropic-format client sent that the canonical model does not
    // name (search_result, text documents): Anthropic understands it verbatim.
    return raw;
  }

  private static ObjectNode documentBlock(ContentPart.File file) {
    String data = file.fileData();
    String mediaType = "application/pdf";
    if (data.startsWith("data:")) {
      int semi = data.indexOf(';');
      int comma = data.indexOf(',');
      if (semi > 5 && semi < comma) {
        mediaType = data.substring(5, semi);
      }
      data = data.substring(comma + 1);
    }
    ObjectNode block = Json.object().put("type", "document");
    block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data", data);
    if (file.filename() != null) {
      block.put("title", file.filename());
    }
    return block;
  }

  static ObjectNode textBlock(ContentPart.Text text) {
    ObjectNode block = Json.object().put("type", "text").put("text", text.text());
    if (text.cacheControl() != null) {
      block.set("cache_control", text.cacheControl());
    }
    return block;
  }

  /** OpenAI's arguments string → Anthropic's {@code input} object. */
  private static ObjectNode argumentsObject(String arguments, String path) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    return Json.tryParse(arguments.getBytes(StandardCharsets.UTF_8))
        .filter(ObjectNode.class::isInstance)
        .map(ObjectNode.class::cast)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    path, "Tool call arguments must be a JSON object for Anthropic."));
  }
}
