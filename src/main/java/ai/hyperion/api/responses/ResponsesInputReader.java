package ai.hyperion.api.responses;

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
 * Responses API input items: {@link #normalize} checks the client's {@code input} and writes it as
 * complete items (ids, typed content parts) for storage and listing; {@link #messages} turns a
 * conversation of such items (inputs and earlier outputs) into canonical chat turns.
 */
final class ResponsesInputReader {

  private ResponsesInputReader() {}

  /** The client's {@code input} (a string or an array of items) as complete items. */
  static ArrayNode normalize(JsonNode input) {
    ArrayNode items = Json.MAPPER.createArrayNode();
    if (input == null || input.isNull()) {
      return items;
    }
    if (input.isTextual()) {
      ObjectNode message = items.addObject();
      message.put("id", ResponseIds.message());
      message.put("type", "message");
      message.put("role", "user");
      message.put("status", "completed");
      message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
      return items;
    }
    if (!input.isArray()) {
      throw new InvalidRequestException(
          "input", "'input' must be a string or an array of input items.");
    }
    for (int i = 0; i < input.size(); i++) {
      items.add(item(input.get(i), "input[" + i + "]"));
    }
    return items;
  }

  private static ObjectNode item(JsonNode item, String at) {
    if (!item.isObject()) {
      throw new InvalidRequestException(at, "'" + at + "' must be an object.");
    }
    ObjectNode out = ((ObjectNode) item).deepCopy();
    String type = Json.text(item, "type");
    if (type == null && item.has("role")) {
      type = "message";
    }
    if (type == null) {
      throw new InvalidRequestException(at + ".type", "'" + at + ".type' is required.");
    }
    out.put("type", type);
    switch (type) {
      case "message" -> message(out, at);
      case "function_call" -> {
        requireText(item, "call_id", at);
        requireText(item, "name", at);
        requireText(item, "arguments", at);
        idIfMissing(out, ResponseIds.functionCall());
        statusIfMissing(out);
      }
      case "function_call_output" -> {
        requireText(item, "call_id", at);
        JsonNode output = item.get("output");
        if (output == null || !(output.isTextual() || output.isArray())) {
          throw new InvalidRequestException(
              at + ".output", "'" + at + ".output' must be a string or an array of content parts.");
        }
        idIfMissing(out, ResponseIds.functionCallOutput());
        statusIfMissing(out);
      }
      case "item_reference" ->
          throw new InvalidRequestException(
              at + ".type",
              "Item references are not supported by this gateway; send the item itself, or use"
                  + " previous_response_id.");
      default -> {
        // Reasoning and hosted-tool items: kept as sent, for upstreams that understand them.
      }
    }
    return out;
  }

  private static void message(ObjectNode out, String at) {
    String role = Json.text(out, "role");
    if (role == null
        || !(role.equals("user")
            || role.equals("assistant")
            || role.equals("system")
            || role.equals("developer"))) {
      throw new InvalidRequestException(
          at + ".role", "'" + at + ".role' must be one of user, assistant, system, developer.");
    }
    JsonNode content = out.get("content");
    String textType = role.equals("assistant") ? "output_text" : "input_text";
    if (content != null && content.isTextual()) {
      ArrayNode parts = Json.MAPPER.createArrayNode();
      parts.addObject().put("type", textType).put("text", content.asText());
      out.set("content", parts);
    } else if (content == null || !content.isArray()) {
      throw new InvalidRequestException(
          at + ".content", "'" + at + ".content' must be a string or an array of content parts.");
    } else {
      for (int i = 0; i < content.size(); i++) {
        part(content.get(i), at + ".content[" + i + "]");
      }
    }
    idIfMissing(out, ResponseIds.message());
    statusIfMissing(out);
  }

  private static void part(JsonNode part, String at) {
    String type = Json.text(part, "type");
    if (type == null) {
      throw new InvalidRequestException(at + ".type", "'" + at + ".type' is required.");
    }
    switch (type) {
      case "input_text", "output_text", "refusal" -> {
        if (!part.path(type.equals("refusal") ? "refusal" : "text").isTextual()) {
          throw new InvalidRequestException(at, "'" + at + "' needs its text.");
        }
      }
      case "input_image" -> {
        if (!part.path("image_url").isTextual()) {
          throw new InvalidRequestException(
              at + ".image_url",
              "'"
                  + at
                  + ".image_url' is required: images by file_id need OpenAI's Files API, which"
                  + " this gateway does not offer. Send a URL or a data: URL.");
        }
      }
      case "input_file" -> {
        if (!part.path("file_data").isTextual()) {
          throw new InvalidRequestException(
              at + ".file_data",
              "'"
                  + at
                  + ".file_data' is required: files by file_id or file_url are not supported."
                  + " Send the file inline as base64.");
        }
      }
      default ->
          throw new InvalidRequestException(
              at + ".type", "Content part type '" + type + "' is not supported.");
    }
  }

  /** Canonical chat turns for a conversation: the instructions first, then each item in order. */
  static List<ChatMessage> messages(String instructions, ArrayNode conversation) {
    List<ChatMessage> messages = new ArrayList<>();
    if (instructions != null && !instructions.isEmpty()) {
      messages.add(ChatMessage.text(Role.SYSTEM, instructions));
    }
    for (JsonNode item : conversation) {
      switch (item.path("type").asText()) {
        case "message" ->
            messages.add(
                new ChatMessage(
                    Role.fromWire(item.path("role").asText()).orElse(Role.USER),
                    parts(item.path("content")),
                    false,
                    List.of(),
                    null,
                    null));
        case "function_call" -> {
          ToolCall call =
              new ToolCall(
                  item.path("call_id").asText(),
                  item.path("name").asText(),
                  item.path("arguments").asText());
          ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
          if (last != null && last.role() == Role.ASSISTANT) {
            List<ToolCall> calls = new ArrayList<>(last.toolCalls());
            calls.add(call);
            messages.set(
                messages.size() - 1,
                new ChatMessage(
                    Role.ASSISTANT, last.content(), last.textOnly(), calls, null, last.extras()));
          } else {
            messages.add(new ChatMessage(Role.ASSISTANT, null, true, List.of(call), null, null));
          }
        }
        case "function_call_output" -> {
          JsonNode output = item.path("output");
          boolean text = output.isTextual();
          messages.add(
              new ChatMessage(
                  Role.TOOL,
                  text ? List.of(new ContentPart.Text(output.asText())) : parts(output),
                  text,
                  List.of(),
                  item.path("call_id").asText(),
                  null));
        }
        default -> {
          // Reasoning and hosted-tool items have no chat equivalent.
        }
      }
    }
    return messages;
  }

  private static List<ContentPart> parts(JsonNode content) {
    List<ContentPart> parts = new ArrayList<>();
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "input_text", "output_text" ->
            parts.add(new ContentPart.Text(part.path("text").asText()));
        case "refusal" -> parts.add(new ContentPart.Text(part.path("refusal").asText()));
        case "input_image" ->
            parts.add(
                new ContentPart.Image(part.path("image_url").asText(), Json.text(part, "detail")));
        case "input_file" ->
            parts.add(
                new ContentPart.File(Json.text(part, "filename"), part.path("file_data").asText()));
        default -> {
          // Checked when the item came in; nothing else reaches here.
        }
      }
    }
    return parts;
  }

  private static void requireText(JsonNode item, String field, String at) {
    if (!item.path(field).isTextual()) {
      throw new InvalidRequestException(
          at + "." + field, "'" + at + "." + field + "' is required and must be a string.");
    }
  }

  private static void idIfMissing(ObjectNode item, String id) {
    if (!item.path("id").isTextual()) {
      item.put("id", id);
    }
  }

  private static void statusIfMissing(ObjectNode item) {
    if (!item.has("status")) {
      item.put("status", "completed");
    }
  }
}
