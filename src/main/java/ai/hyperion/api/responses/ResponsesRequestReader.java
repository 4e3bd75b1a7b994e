package ai.hyperion.api.responses;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Responses API request body → {@link ResponsesRequest}: validates what the client sent, naming
 * the field, and maps it to the canonical chat request (instructions as the system turn, function
 * tools, {@code text.format} as the response format, {@code max_output_tokens}, {@code
 * reasoning.effort} as {@code reasoning_effort}). Fields that only OpenAI's own Responses API
 * understands are not translated; a native upstream still gets them as sent.
 */
final class ResponsesRequestReader {

  /** OpenAI's hosted tools: they run inside OpenAI, so no other upstream can serve them. */
  static final Set<String> HOSTED_TOOLS =
      Set.of(
          "web_search",
          "web_search_preview",
          "web_search_preview_2025_03_11",
          "file_search",
          "code_interpreter",
          "computer_use_preview",
          "image_generation",
          "mcp",
          "local_shell",
          "shell",
          "apply_patch");

  /** Chat Completions fields of the same name and meaning, passed on to OpenAI-style upstreams. */
  private static final List<String> PASSED_ON =
      List.of(
          "parallel_tool_calls", "user", "service_tier", "prompt_cache_key", "safety_identifier");

  private static final Set<String> UNSUPPORTED = Set.of("background", "conversation", "prompt");

  private ResponsesRequestReader() {}

  /**
   * Reads {@code body}; {@code history} is the conversation of the previous response (its inputs
   * and outputs), empty when there is none.
   */
  static ResponsesRequest read(JsonNode body, ArrayNode history) {
    String model = Json.text(body, "model");
    if (model == null || model.isBlank()) {
      throw new InvalidRequestException("model", "Missing required parameter: 'model'.");
    }
    for (String field : UNSUPPORTED) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull() && !(value.isBoolean() && !value.asBoolean())) {
        throw new InvalidRequestException(
            field, "'" + field + "' is not supported by this gateway's Responses API.");
      }
    }
    String instructions = optionalText(body, "instructions");
    ArrayNode input = ResponsesInputReader.normalize(body.get("input"));
    ArrayNode conversation = history.deepCopy();
    conversation.addAll(input);
    List<ChatMessage> messages = ResponsesInputReader.messages(instructions, conversation);
    if (messages.isEmpty()) {
      throw new InvalidRequestException("input", "Missing required parameter: 'input'.");
    }
    List<String> hosted = new ArrayList<>();
    for (JsonNode item : conversation) {
      String type = item.path("type").asText();
      if (type.endsWith("_call") && !type.equals("function_call")) {
        hosted.add(type);
      }
    }
    List<ToolDefinition> tools = tools(body.get("tools"), hosted);
    JsonNode toolChoice = toolChoice(body.get("tool_choice"), hosted);
    JsonNode format = format(body.path("text").get("format"));
    ObjectNode extras = Json.object();
    for (String field : PASSED_ON) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull()) {
        extras.set(field, value);
      }
    }
    JsonNode reasoning = body.get("reasoning");
    if (reasoning != null && !reasoning.isNull()) {
      if (!reasoning.isObject()) {
        throw new InvalidRequestException("reasoning", "'reasoning' must be an object.");
      }
      String effort = optionalText(reasoning, "effort");
      if (effort != null) {
        extras.put("reasoning_effort", effort);
      }
    }
    metadata(body.get("metadata"));
    boolean stream = bool(body, "stream", false);
    ChatRequest chat =
        new ChatRequest(
            model,
            messages,
            stream,
            stream,
            null,
            positiveInt(body, "max_output_tokens"),
            number(body, "temperature"),
            number(body, "top_p"),
            null,
            tools,
            toolChoice,
            format,
            extras.isEmpty() ? null : extras);
    return new ResponsesRequest(
        chat,
        input,
        hosted,
        bool(body, "store", true),
        optionalText(body, "previous_response_id"),
        echo(body, instructions));
  }

  private static List<ToolDefinition> tools(JsonNode tools, List<String> hosted) {
    List<ToolDefinition> out = new ArrayList<>();
    if (tools == null || tools.isNull()) {
      return out;
    }
    if (!tools.isArray()) {
      throw new InvalidRequestException("tools", "'tools' must be an array.");
    }
    for (int i = 0; i < tools.size(); i++) {
      JsonNode tool = tools.get(i);
      String at = "tools[" + i + "]";
      String type = Json.text(tool, "type");
      if ("function".equals(type)) {
        String name = Json.text(tool, "name");
        if (name == null || name.isBlank()) {
          throw new InvalidRequestException(at + ".name", "'" + at + ".name' is required.");
        }
        JsonNode parameters = tool.get("parameters");
        out.add(
            new ToolDefinition(
                name,
                Json.text(tool, "description"),
                parameters == null || parameters.isNull() ? null : parameters,
                null));
      } else if (type != null && HOSTED_TOOLS.contains(type)) {
        hosted.add(type);
      } else {
        throw new InvalidRequestException(
            at + ".type",
            "Tool type '"
                + type
                + "' is not supported; use 'function' or one of OpenAI's hosted"
                + " tools (with an upstream that serves the Responses API natively).");
      }
    }
    return out;
  }

  private static JsonNode toolChoice(JsonNode choice, List<String> hosted) {
    if (choice == null || choice.isNull()) {
      return null;
    }
    if (choice.isTextual()) {
      String mode = choice.asText();
      if (!Set.of("auto", "none", "required").contains(mode)) {
        throw new InvalidRequestException(
            "tool_choice", "'tool_choice' must be auto, none, required or a tool object.");
      }
      return choice;
    }
    String type = Json.text(choice, "type");
    if ("function".equals(type) && Json.text(choice, "name") != null) {
      ObjectNode chat = Json.object().put("type", "function");
      chat.putObject("function").put("name", Json.text(choice, "name"));
      return chat;
    }
    if (type != null && HOSTED_TOOLS.contains(type)) {
      hosted.add(type);
      return TextNode.valueOf("required");
    }
    throw new InvalidRequestException(
        "tool_choice",
        "'tool_choice' must be auto, none, required, or {\"type\":\"function\",\"name\":...}.");
  }

  /** {@code text.format} → a Chat Completions {@code response_format}, null for plain text. */
  private static JsonNode format(JsonNode format) {
    if (format == null || format.isNull()) {
      return null;
    }
    String type = Json.text(format, "type");
    if ("text".equals(type)) {
      return null;
    }
    if ("json_object".equals(type)) {
      return Json.object().put("type", "json_object");
    }
    if ("json_schema".equals(type)) {
      String name = Json.text(format, "name");
      JsonNode schema = format.get("schema");
      if (name == null || schema == null || !schema.isObject()) {
        throw new InvalidRequestException(
            "text.format", "A json_schema format needs a 'name' and a 'schema' object.");
      }
      ObjectNode chat = Json.object().put("type", "json_schema");
      ObjectNode spec = chat.putObject("json_schema").put("name", name);
      if (format.hasNonNull("description")) {
        spec.set("description", format.get("description"));
      }
      spec.set("schema", schema);
      if (format.hasNonNull("strict")) {
        spec.set("strict", format.get("strict"));
      }
      return chat;
    }
    throw new InvalidRequestException(
        "text.format.type", "'text.format.type' must be text, json_object or json_schema.");
  }

  private static void metadata(JsonNode metadata) {
    if (metadata == null || metadata.isNull()) {
      return;
    }
    if (!metadata.isObject() || metadata.size() > 16) {
      throw new InvalidRequestException(
          "metadata", "'metadata' must be an object of at most 16 string values.");
    }
    for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
      if (!entry.getValue().isTextual()
          || entry.getKey().length() > 64
          || entry.getValue().asText().length() > 512) {
        throw new InvalidRequestException(
            "metadata." + entry.getKey(),
            "Metadata values must be strings of at most 512 characters, keys at most 64.");
      }
    }
  }

  /** The request settings a response object reports, with OpenAI's defaults. */
  private static ObjectNode echo(JsonNode body, String instructions) {
    ObjectNode echo = Json.object();
    echo.put("instructions", instructions);
    echo.set(
        "max_output_tokens",
        body.path("max_output_tokens").isNumber() ? body.get("max_output_tokens") : null);
    echo.put("parallel_tool_calls", bool(body, "parallel_tool_calls", true));
    echo.put("previous_response_id", optionalText(body, "previous_response_id"));
    ObjectNode reasoning = echo.putObject("reasoning");
    reasoning.set(
        "effort",
        body.path("reasoning").path("effort").isTextual()
            ? body.path("reasoning").get("effort")
            : null);
    reasoning.set(
        "summary",
        body.path("reasoning").path("summary").isTextual()
            ? body.path("reasoning").get("summary")
            : null);
    echo.put("store", bool(body, "store", true));
    echo.put(
        "temperature",
        body.path("temperature").isNumber() ? body.get("temperature").asDouble() : 1.0);
    ObjectNode text = echo.putObject("text");
    JsonNode format = body.path("text").get("format");
    if (format != null && format.isObject()) {
      text.set("format", format);
    } else {
      text.putObject("format").put("type", "text");
    }
    JsonNode choice = body.get("tool_choice");
    echo.set("tool_choice", choice == null || choice.isNull() ? TextNode.valueOf("auto") : choice);
    JsonNode tools = body.get("tools");
    echo.set("tools", tools != null && tools.isArray() ? tools : Json.MAPPER.createArrayNode());
    echo.put("top_p", body.path("top_p").isNumber() ? body.get("top_p").asDouble() : 1.0);
    echo.put("truncation", "disabled");
    echo.set("user", body.path("user").isTextual() ? body.get("user") : null);
    JsonNode metadata = body.get("metadata");
    echo.set("metadata", metadata != null && metadata.isObject() ? metadata : Json.object());
    return echo;
  }

  private static String optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidRequestException(field, "'" + field + "' must be a string.");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidRequestException(field, "'" + field + "' must be a boolean.");
    }
    return value.asBoolean();
  }

  private static Double number(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw new InvalidRequestException(field, "'" + field + "' must be a number.");
    }
    return value.asDouble();
  }

  private static Integer positiveInt(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new InvalidRequestException(field, "'" + field + "' must be a positive integer.");
    }
    return value.asInt();
  }
}
