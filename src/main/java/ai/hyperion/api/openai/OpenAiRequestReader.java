package ai.hyperion.api.openai;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI Chat Completions request body ⇄ canonical {@link ChatRequest}. Reading validates the
 * caller's input and names the offending field; writing produces what an OpenAI-compatible upstream
 * expects, with every unmodelled field passed through.
 */
public final class OpenAiRequestReader {

  private static final Set<String> MODELLED =
      Set.of(
          "model",
          "messages",
          "stream",
          "stream_options",
          "max_tokens",
          "max_completion_tokens",
          "temperature",
          "top_p",
          "stop",
          "tools",
          "tool_choice",
          "response_format");
  private static final Set<String> MESSAGE_MODELLED =
      Set.of("role", "content", "tool_calls", "tool_call_id");

  private OpenAiRequestReader() {}

  /** Reads a request; {@code ignored} names extension fields the gateway consumed itself. */
  public static ChatRequest read(JsonNode body, Set<String> ignored) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(null, "The request body must be a JSON object.");
    }
    String model = requiredText(body, "model");
    JsonNode messagesNode = body.get("messages");
    if (messagesNode == null || messagesNode.isNull()) {
      throw new InvalidRequestException("messages", "Missing required parameter: 'messages'.");
    }
    if (!messagesNode.isArray()) {
      throw new InvalidRequestException(
          "messages", "'messages' must be an array of message objects.");
    }
    if (messagesNode.isEmpty()) {
      throw new InvalidRequestException(
          "messages", "'messages' must contain at least one message.");
    }
    List<ChatMessage> messages = new ArrayList<>(messagesNode.size());
    for (int i = 0; i < messagesNode.size(); i++) {
      messages.add(readMessage(messagesNode.get(i), "messages[" + i + "]"));
    }
    boolean stream = optionalBoolean(body, "stream");
    JsonNode streamOptions = body.get("stream_options");
    boolean includeUsage = false;
    if (streamOptions != null && !streamOptions.isNull()) {
      if (!streamOptions.isObject()) {
        throw new InvalidRequestException("stream_options", "'stream_options' must be an object.");
      }
      includeUsage = optionalBoolean(streamOptions, "include_usage");
    }
    ObjectNode extras = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!MODELLED.contains(field.getKey()) && !ignored.contains(field.getKey())) {
        extras.set(field.getKey(), field.getValue());
      }
    }
    return new ChatRequest(
        model,
        messages,
        stream,
        includeUsage,
        optionalPositiveInt(body, "max_tokens"),
        optionalPositiveInt(body, "max_completion_tokens"),
        optionalNumber(body, "temperature", 0, 2),
        optionalNumber(body, "top_p", 0, 1),
        readStop(body.get("stop")),
        readTools(body.get("tools")),
        nullToMissing(body.get("tool_choice")),
        nullToMissing(body.get("response_format")),
        extras);
  }

  private static ChatMessage readMessage(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new InvalidRequestException(
          path, "Each message must be an object with 'role' and 'content'.");
    }
    String roleName = Json.text(node, "role");
    Role role =
        Role.fromWire(roleName)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        path + ".role",
                        roleName == null
                            ? "Missing required parameter: '" + path + ".role'."
                            : "Invalid value '"
                                + roleName
                                + "' for '"
                                + path
                                + ".role': expected one of system, developer, user, assistant,"
                                + " tool."));
    JsonNode contentNode = node.get("content");
    List<ContentPart> content;
    boolean textOnly;
    if (contentNode == null || contentNode.isNull()) {
      content = null;
      textOnly = true;
    } else if (contentNode.isTextual()) {
      content = List.of(new ContentPart.Text(contentNode.asText()));
      textOnly = true;
    } else if (contentNode.isArray()) {
      content = new ArrayList<>(contentNode.size());
      for (int i = 0; i < contentNode.size(); i++) {
        content.add(readPart(contentNode.get(i), path + ".content[" + i + "]"));
      }
      textOnly = false;
    } else {
      throw new InvalidRequestException(
          path + ".content",
          "'" + path + ".content' must be a string or an array of content parts.");
    }
    List<ToolCall> toolCalls = readToolCalls(node.get("tool_calls"), path + ".tool_calls");
    if (content == null && toolCalls.isEmpty() && role != Role.ASSISTANT) {
      throw new InvalidRequestException(
          path + ".content", "Missing required parameter: '" + path + ".content'.");
    }
    String toolCallId = Json.text(node, "tool_call_id");
    if (role == Role.TOOL && toolCallId == null && !"function".equals(roleName)) {
      throw new InvalidRequestException(
          path + ".tool_call_id", "Messages with role 'tool' need 'tool_call_id'.");
    }
    ObjectNode extras = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!MESSAGE_MODELLED.contains(field.getKey())) {
        if (extras == null) {
          extras = Json.object();
        }
        extras.set(field.getKey(), field.getValue());
      }
    }
    return new ChatMessage(role, content, textOnly, toolCalls, toolCallId, extras);
  }

  private static ContentPart readPart(JsonNode part, String path) {
    if (!part.isObject() || !part.path("type").isTextual()) {
      throw new InvalidRequestException(path, "Each content part must be an object with a 'type'.");
    }
    return switch (part.get("type").asText()) {
      case "text" -> {
        if (!part.path("text").isTextual()) {
          throw new InvalidRequestException(path + ".text", "A text part needs a string 'text'.");
        }
        yield new ContentPart.Text(
            part.get("text").asText(), nullToMissing(part.get("cache_control")));
      }
      case "image_url" -> {
        JsonNode image = part.get("image_url");
        String url =
            image == null ? null : image.isTextual() ? image.asText() : Json.text(image, "url");
        if (url == null) {
          throw new InvalidRequestException(
              path + ".image_url.url", "An image part needs 'image_url.url'.");
        }
        yield new ContentPart.Image(url, image.isObject() ? Json.text(image, "detail") : null);
      }
      case "file" -> {
        JsonNode file = part.path("file");
        String data = Json.text(file, "file_data");
        yield data == null
            ? new ContentPart.Opaque(part)
            : new ContentPart.File(Json.text(file, "filename"), data);
      }
      default -> new ContentPart.Opaque(part);
    };
  }

  private static List<ToolCall> readToolCalls(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidRequestException(path, "'" + path + "' must be an array.");
    }
    List<ToolCall> calls = new ArrayList<>(node.size());
    for (JsonNode call : node) {
      JsonNode function = call.path("function");
      String name = Json.text(function, "name");
      if (name == null) {
        throw new InvalidRequestException(path, "Each tool call needs 'function.name'.");
      }
      String arguments = Json.text(function, "arguments");
      calls.add(new ToolCall(Json.text(call, "id"), name, arguments == null ? "{}" : arguments));
    }
    return calls;
  }

  private static List<ToolDefinition> readTools(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidRequestException("tools", "'tools' must be an array.");
    }
    List<ToolDefinition> tools = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode function = node.get(i).path("function");
      String name = Json.text(function, "name");
      if (name == null) {
        throw new InvalidRequestException(
            "tools[" + i + "].function.name", "Each tool needs 'function.name'.");
      }
      tools.add(
          new ToolDefinition(
              name,
              Json.text(function, "description"),
              nullToMissing(function.get("parameters")),
              nullToMissing(node.get(i).get("cache_control"))));
    }
    return tools;
  }

  private static List<String> readStop(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    if (node.isArray()) {
      List<String> stop = new ArrayList<>();
      for (JsonNode s : node) {
        if (!s.isTextual()) {
          throw new InvalidRequestException(
              "stop", "'stop' must be a string or an array of strings.");
        }
        stop.add(s.asText());
      }
      return stop;
    }
    throw new InvalidRequestException("stop", "'stop' must be a string or an array of strings.");
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException(field, "Missing required parameter: '" + field + "'.");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidRequestException(field, "'" + field + "' must be a non-empty string.");
    }
    return value.asText();
  }

  private static boolean optionalBoolean(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException(field, "'" + field + "' must be a boolean.");
    }
    return value.asBoolean();
  }

  private static Integer optionalPositiveInt(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw new InvalidRequestException(field, "'" + field + "' must be a positive integer.");
    }
    return value.asInt();
  }

  private static Double optionalNumber(JsonNode body, String field, double min, double max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw new InvalidRequestException(
          field, "'" + field + "' must be a number between " + min + " and " + max + ".");
    }
    return value.asDouble();
  }

  private static JsonNode nullToMissing(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }
}
