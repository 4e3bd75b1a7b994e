package ai.hyperion.api.anthropic;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One Anthropic-format message (from a client of {@code POST /v1/messages}) → canonical messages,
 * validating as it goes and naming fields the way Anthropic does ({@code messages.1.content.0}). A
 * user turn's {@code tool_result} blocks become {@code tool} messages ahead of the rest of the
 * turn; an assistant turn's {@code tool_use} blocks become tool calls.
 */
final class AnthropicBlockReader {

  private AnthropicBlockReader() {}

  static void readMessage(JsonNode node, String path, List<ChatMessage> out) {
    if (!node.isObject()) {
      throw new InvalidRequestException(
          path, path + ": each message must be an object with 'role' and 'content'.");
    }
    String roleName = Json.text(node, "role");
    Role role;
    if ("user".equals(roleName)) {
      role = Role.USER;
    } else if ("assistant".equals(roleName)) {
      role = Role.ASSISTANT;
    } else {
      throw new InvalidRequestException(
          path + ".role",
          roleName == null
              ? path + ".role: Field required"
              : path + ".role: Input should be 'user' or 'assistant'");
    }
    JsonNode content = node.get("content");
    if (content == null || content.isNull()) {
      throw new InvalidRequestException(path + ".content", path + ".content: Field required");
    }
    if (content.isTextual()) {
      out.add(ChatMessage.text(role, content.asText()));
      return;
    }
    if (!content.isArray()) {
      throw new InvalidRequestException(
          path + ".content", path + ".content: must be a string or an array of content blocks.");
    }
    List<ContentPart> parts = new ArrayList<>();
    List<ToolCall> calls = new ArrayList<>();
    ArrayNode thinking = Json.NODES.arrayNode();
    for (int i = 0; i < content.size(); i++) {
      JsonNode block = content.get(i);
      String blockPath = path + ".content." + i;
      String type = blockType(block, blockPath);
      if (role == Role.USER && "tool_result".equals(type)) {
        out.add(toolResult(block, blockPath));
      } else if (role == Role.ASSISTANT && "tool_use".equals(type)) {
        calls.add(toolUse(block, blockPath));
      } else if (role == Role.ASSISTANT
          && ("thinking".equals(type) || "redacted_thinking".equals(type))) {
        thinking.add(block);
      } else {
        parts.add(part(block, type, blockPath));
      }
    }
    ObjectNode extras = null;
    if (!thinking.isEmpty()) {
      extras = Json.object();
      extras.set(ChatMessage.THINKING_BLOCKS, thinking);
    }
    if (!parts.isEmpty() || !calls.isEmpty() || extras != null) {
      out.add(
          new ChatMessage(
              role, parts.isEmpty() ? null : parts, plainText(parts), calls, null, extras));
    }
  }

  /** A content block that is not a tool block: text, image, document, or kept verbatim. */
  static ContentPart part(JsonNode block, String type, String path) {
    switch (type) {
      case "text" -> {
        if (!block.path("text").isTextual()) {
          throw new InvalidRequestException(path + ".text", path + ".text: Field required");
        }
        JsonNode cache = block.get("cache_control");
        return new ContentPart.Text(
            block.get("text").asText(), cache == null || cache.isNull() ? null : cache);
      }
      case "image" -> {
        JsonNode source = block.path("source");
        String sourceType = Json.text(source, "type");
        if ("base64".equals(sourceType)) {
          String mediaType = Json.text(source, "media_type");
          String data = Json.text(source, "data");
          if (mediaType == null || data == null) {
            throw new InvalidRequestException(
                path + ".source", path + ".source: a base64 image needs 'media_type' and 'data'.");
          }
          return new ContentPart.Image("data:" + mediaType + ";base64," + data, null);
        }
        if ("url".equals(sourceType) && Json.text(source, "url") != null) {
          return new ContentPart.Image(Json.text(source, "url"), null);
        }
        if (sourceType == null) {
          throw new InvalidRequestException(path + ".source", path + ".source: Field required");
        }
        return new ContentPart.Opaque(block);
      }
      case "document" -> {
        JsonNode source = block.path("source");
        if ("base64".equals(Json.text(source, "type")) && Json.text(source, "data") != null) {
          String mediaType = Json.text(source, "media_type");
          return new ContentPart.File(
              Json.text(block, "title"),
              "data:"
                  + (mediaType == null ? "application/pdf" : mediaType)
                  + ";base64,"
                  + Json.text(source, "data"));
        }
        return new ContentPart.Opaque(block);
      }
      default -> {
        return new ContentPart.Opaque(block);
      }
    }
  }

  static String blockType(JsonNode block, String path) {
    if (!block.isObject() || !block.path("type").isTextual()) {
      throw new InvalidRequestException(
          path + ".type", path + ".type: each content block must be an object with a 'type'.");
    }
    return block.get("type").asText();
  }

  private static ToolCall toolUse(JsonNode block, String path) {
    String id = Json.text(block, "id");
    String name = Json.text(block, "name");
    if (id == null || name == null) {
      throw new InvalidRequestException(
          path + (id == null ? ".id" : ".name"),
          path + (id == null ? ".id" : ".name") + ": Field required");
    }
    JsonNode input = block.get("input");
    if (input == null || !input.isObject()) {
      throw new InvalidRequestException(path + ".input", path + ".input: must be an object.");
    }
    return new ToolCall(id, name, Json.string(input));
  }

  private static ChatMessage toolResult(JsonNode block, String path) {
    String toolUseId = Json.text(block, "tool_use_id");
    if (toolUseId == null) {
      throw new InvalidRequestException(
          path + ".tool_use_id", path + ".tool_use_id: Field required");
    }
    JsonNode content = block.get("content");
    if (content == null || content.isNull() || content.isTextual()) {
      String text = content == null || content.isNull() ? "" : content.asText();
      return new ChatMessage(
          Role.TOOL, List.of(new ContentPart.Text(text)), true, List.of(), toolUseId, null);
    }
    if (!content.isArray()) {
      throw new InvalidRequestException(
          path + ".content", path + ".content: must be a string or an array of content blocks.");
    }
    List<ContentPart> parts = new ArrayList<>(content.size());
    for (int i = 0; i < content.size(); i++) {
      String partPath = path + ".content." + i;
      parts.add(part(content.get(i), blockType(content.get(i), partPath), partPath));
    }
    return new ChatMessage(Role.TOOL, parts, plainText(parts), List.of(), toolUseId, null);
  }

  /**
   * One uncached text block reads as a plain string, which every OpenAI-compatible server accepts.
   */
  private static boolean plainText(List<ContentPart> parts) {
    return parts.size() == 1
        && parts.get(0) instanceof ContentPart.Text text
        && text.cacheControl() == null;
  }
}
