package ai.hyperion.api.anthropic;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Anthropic Messages request body → canonical {@link ChatRequest}, validated. Anthropic's
 * vocabulary maps onto OpenAI's: {@code system} → a leading system message, {@code stop_sequences}
 * → stop, {@code tool_choice} any → required, {@code metadata.user_id} → user, {@code
 * disable_parallel_tool_use} → {@code parallel_tool_calls: false}; {@code top_k}, {@code thinking}
 * and other fields the gateway does not model stay in extras.
 */
public final class AnthropicRequestReader {

  private static final Set<String> MODELLED =
      Set.of(
          "model",
          "max_tokens",
          "messages",
          "system",
          "stream",
          "temperature",
          "top_p",
          "stop_sequences",
          "tools",
          "tool_choice",
          "metadata");

  private AnthropicRequestReader() {}

  public static ChatRequest read(JsonNode body, Set<String> ignored) {
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(null, "The request body must be a JSON object.");
    }
    String model = requiredText(body, "model");
    int maxTokens = requiredPositiveInt(body, "max_tokens");
    JsonNode messagesNode = body.get("messages");
    if (messagesNode == null || messagesNode.isNull()) {
      throw new InvalidRequestException("messages", "messages: Field required");
    }
    if (!messagesNode.isArray() || messagesNode.isEmpty()) {
      throw new InvalidRequestException(
          "messages", "messages: must be a non-empty array of messages.");
    }
    List<ChatMessage> messages = new ArrayList<>();
    readSystem(body.get("system"), messages);
    for (int i = 0; i < messagesNode.size(); i++) {
      AnthropicBlockReader.readMessage(messagesNode.get(i), "messages." + i, messages);
    }
    ObjectNode extras = Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!MODELLED.contains(field.getKey()) && !ignored.contains(field.getKey())) {
        extras.set(field.getKey(), field.getValue());
      }
    }
    if (extras.has("top_k")
        && !(extras.get("top_k").isIntegralNumber() && extras.get("top_k").asLong() >= 1)) {
      throw new InvalidRequestException("top_k", "top_k: must be a positive integer.");
    }
    readMetadata(body.get("metadata"), extras);
    boolean stream = optionalBoolean(body, "stream");
    return new ChatRequest(
        model,
        messages,
        stream,
        stream,
        maxTokens,
        null,
        optionalNumber(body, "temperature", 0, 1),
        optionalNumber(body, "top_p", 0, 1),
        readStopSequences(body.get("stop_sequences")),
        readTools(body.get("tools")),
        readToolChoice(body.get("tool_choice"), extras),
        null,
        extras);
  }

  private static void readSystem(JsonNode system, List<ChatMessage> out) {
    if (system == null || system.isNull()) {
      return;
    }
    if (system.isTextual()) {
      if (!system.asText().isEmpty()) {
        out.add(ChatMessage.text(Role.SYSTEM, system.asText()));
      }
      return;
    }
    if (!system.isArray()) {
      throw new InvalidRequestException(
          "system", "system: must be a string or an array of text blocks.");
    }
    List<ContentPart> parts = new ArrayList<>(system.size());
    for (int i = 0; i < system.size(); i++) {
      String path = "system." + i;
      String type = AnthropicBlockReader.blockType(system.get(i), path);
      if (!"text".equals(type)) {
        throw new InvalidRequestException(
            path + ".type", path + ".type: system blocks must be of type 'text'.");
      }
      parts.add(AnthropicBlockReader.part(system.get(i), type, path));
    }
    if (!parts.isEmpty()) {
      out.add(new ChatMessage(Role.SYSTEM, parts, false, List.of(), null, null));
    }
  }

  private static List<ToolDefinition> readTools(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidRequestException("tools", "tools: must be an array.");
    }
    List<ToolDefinition> tools = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode tool = node.get(i);
      String path = "tools." + i;
      String type = Json.text(tool, "type");
      if (type != null && !type.equals("custom")) {
        throw new InvalidRequestException(
            path + ".type",
            path
                + ".type: server tools ('"
                + type
                + "') are not supported through the gateway; use custom tools.");
      }
      String name = Json.text(tool, "name");
      if (name == null || name.isBlank()) {
        throw new InvalidRequestException(path + ".name", path + ".name: Field required");
      }
      JsonNode schema = tool.get("input_schema");
      if (schema == null || !schema.isObject()) {
        throw new InvalidRequestException(
            path + ".input_schema", path + ".input_schema: Field required");
      }
      JsonNode cache = tool.get("cache_control");
      tools.add(
          new ToolDefinition(
              name,
              Json.text(tool, "description"),
              schema,
              cache == null || cache.isNull() ? null : cache));
    }
    return tools;
  }

  /** Anthropic's {@code tool_choice} object → OpenAI's form. */
  private static JsonNode readToolChoice(JsonNode choice, ObjectNode extras) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    String type = choice.isObject() ? Json.text(choice, "type") : null;
    if (type == null) {
      throw new InvalidRequestException(
          "tool_choice", "tool_choice: must be an object with a 'type'.");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      extras.put("parallel_tool_calls", false);
    }
    return switch (type) {
      case "auto" -> Json.NODES.textNode("auto");
      case "any" -> Json.NODES.textNode("required");
      case "none" -> Json.NODES.textNode("none");
      case "tool" -> {
        String name = Json.text(choice, "name");
        if (name == null) {
          throw new InvalidRequestException("tool_choice.name", "tool_choice.name: Field required");
        }
        ObjectNode function = Json.object().put("type", "function");
        function.putObject("function").put("name", name);
        yield function;
      }
      default ->
          throw new InvalidRequestException(
              "tool_choice.type", "tool_choice.type: must be one of auto, any, tool, none.");
    };
  }

  private static void readMetadata(JsonNode metadata, ObjectNode extras) {
    if (metadata == null || metadata.isNull()) {
      return;
    }
    if (!metadata.isObject()) {
      throw new InvalidRequestException("metadata", "metadata: must be an object.");
    }
    String userId = Json.text(metadata, "user_id");
    if (userId != null) {
      extras.put("user", userId);
    }
  }

  private static List<String> readStopSequences(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new InvalidRequestException(
          "stop_sequences", "stop_sequences: must be an array of strings.");
    }
    List<String> stop = new ArrayList<>(node.size());
    for (JsonNode s : node) {
      if (!s.isTextual()) {
        throw new InvalidRequestException(
            "stop_sequences", "stop_sequences: must be an array of strings.");
      }
      stop.add(s.asText());
    }
    return stop;
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException(field, field + ": Field required");
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new InvalidRequestException(field, field + ": must be a non-empty string.");
    }
    return value.asText();
  }

  private static int requiredPositiveInt(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new InvalidRequestException(field, field + ": Field required");
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
      throw new InvalidRequestException(field, field + ": must be a positive integer.");
    }
    return value.asInt();
  }

  private static boolean optionalBoolean(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException(field, field + ": must be a boolean.");
    }
    return value.asBoolean();
  }

  private static Double optionalNumber(JsonNode body, String field, double min, double max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw new InvalidRequestException(
          field, field + ": must be a number between " + min + " and " + max + ".");
    }
    return value.asDouble();
  }
}
