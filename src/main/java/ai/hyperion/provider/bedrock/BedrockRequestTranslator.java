package ai.hyperion.provider.bedrock;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolCallIds;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical {@link ChatRequest} → Bedrock Converse body (the model id travels in the URL).
 *
 * <ul>
 *   <li>system/developer messages → top-level {@code system[{text}]}; tool results → a {@code
 *       toolResult} block in a user turn; consecutive same-role turns are merged.
 *   <li>A text part with {@code cache_control} (and a tool with {@code cache_control}) is followed
 *       by a {@code cachePoint{type: default}} block: Bedrock caches the prefix up to that point.
 *       The Anthropic TTL is not carried over.
 *   <li>Images must be inline ({@code data:} URLs); Bedrock cannot fetch URLs, so a URL image is a
 *       400. Files become {@code document} blocks (PDF unless the data URL says otherwise).
 *   <li>{@code response_format} json_schema → {@code outputConfig.textFormat} (Bedrock structured
 *       output; a model without it answers 400). json_object has no Bedrock switch: best effort, a
 *       system instruction asks for a JSON object only.
 *   <li>{@code tool_choice: none} cannot be expressed: tools are left out unless the history holds
 *       tool calls (Bedrock then requires {@code toolConfig}), in which case the model may still
 *       call.
 *   <li>Fields Bedrock has no counterpart for (n, seed, logprobs, user, ...) are not sent.
 * </ul>
 */
final class BedrockRequestTranslator {

  static final String JSON_OBJECT_INSTRUCTION =
      "Respond only with a single valid JSON object, with no text before or after it.";

  private BedrockRequestTranslator() {}

  static ObjectNode write(ChatRequest request) {
    ObjectNode body = Json.object();
    ArrayNode system = Json.NODES.arrayNode();
    BedrockTurns turns = new BedrockTurns();
    for (int i = 0; i < request.messages().size(); i++) {
      ChatMessage message = request.messages().get(i);
      String path = "messages[" + i + "]";
      switch (message.role()) {
        case SYSTEM, DEVELOPER -> appendSystem(system, message, path);
        case USER -> turns.add("user", contentBlocks(message.content(), path));
        case ASSISTANT -> turns.add("assistant", assistantBlocks(message, path));
        case TOOL -> turns.add("user", toolResult(message, path));
        default ->
            throw new InvalidRequestException(path + ".role", "Unsupported role for Bedrock.");
      }
    }
    writeResponseFormat(request.responseFormat(), system, body);
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    body.set("messages", turns.toJson());
    ObjectNode inference = Json.object();
    if (request.outputTokenLimit() != null) {
      inference.put("maxTokens", request.outputTokenLimit());
    }
    if (request.temperature() != null) {
      inference.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      inference.put("topP", request.topP());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = inference.putArray("stopSequences");
      request.stop().forEach(stop::add);
    }
    if (!inference.isEmpty()) {
      body.set("inferenceConfig", inference);
    }
    ObjectNode toolConfig = toolConfig(request, turns.hasToolBlocks());
    if (toolConfig != null) {
      body.set("toolConfig", toolConfig);
    }
    return body;
  }

  private static void appendSystem(ArrayNode system, ChatMessage message, String path) {
    if (message.content() == null) {
      return;
    }
    for (int j = 0; j < message.content().size(); j++) {
      ContentPart part = message.content().get(j);
      if (!(part instanceof ContentPart.Text text)) {
        throw new InvalidRequestException(
            path + ".content[" + j + "]", "System messages may only contain text.");
      }
      if (!text.text().isEmpty()) {
        system.addObject().put("text", text.text());
      }
      if (text.cacheControl() != null) {
        system.add(cachePoint());
      }
    }
  }

  private static List<ObjectNode> assistantBlocks(ChatMessage message, String path) {
    List<ObjectNode> blocks = contentBlocks(message.content(), path);
    for (int k = 0; k < message.toolCalls().size(); k++) {
      ToolCall call = message.toolCalls().get(k);
      ObjectNode toolUse = Json.object();
      toolUse.put("toolUseId", ToolCallIds.toPortable(call.id()));
      toolUse.put("name", call.name());
      toolUse.set(
          "input", arguments(call.arguments(), path + ".tool_calls[" + k + "].function.arguments"));
      ObjectNode block = Json.object();
      block.set("toolUse", toolUse);
      blocks.add(block);
    }
    return blocks;
  }

  private static List<ObjectNode> toolResult(ChatMessage message, String path) {
    ObjectNode result = Json.object();
    result.put("toolUseId", ToolCallIds.toPortable(message.toolCallId()));
    ArrayNode content = result.putArray("content");
    for (ObjectNode block : contentBlocks(message.content(), path)) {
      if (!block.has("cachePoint")) {
        content.add(block);
      }
    }
    if (content.isEmpty()) {
      content.addObject().put("text", "");
    }
    ObjectNode block = Json.object();
    block.set("toolResult", result);
    return new ArrayList<>(List.of(block));
  }

  private static List<ObjectNode> contentBlocks(List<ContentPart> parts, String path) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (parts == null) {
      return blocks;
    }
    for (int j = 0; j < parts.size(); j++) {
      ContentPart part = parts.get(j);
      String partPath = path + ".content[" + j + "]";
      if (part instanceof ContentPart.Text text) {
        if (!text.text().isEmpty()) {
          blocks.add(Json.object().put("text", text.text()));
        }
        if (text.cacheControl() != null) {
          blocks.add(cachePoint());
        }
      } else if (part instanceof ContentPart.Image image) {
        blocks.add(BedrockMediaTranslator.image(image, partPath));
      } else if (part instanceof ContentPart.File file) {
        blocks.add(BedrockMediaTranslator.document(file, partPath, j));
      } else {
        String type = Json.text(((ContentPart.Opaque) part).raw(), "type");
        throw new InvalidRequestException(
            partPath + ".type",
            "Bedrock Converse does not support content parts of type '" + type + "'.");
      }
    }
    return blocks;
  }

  private static JsonNode arguments(String arguments, String path) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    try {
      return Json.parse(arguments);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          path, "'" + path + "' must be a JSON document for Bedrock.");
    }
  }

  private static void writeResponseFormat(JsonNode format, ArrayNode system, ObjectNode body) {
    if (format == null) {
      return;
    }
    String type = Json.text(format, "type");
    if ("json_object".equals(type)) {
      system.addObject().put("text", JSON_OBJECT_INSTRUCTION);
    } else if ("json_schema".equals(type)) {
      JsonNode spec = format.path("json_schema");
      JsonNode schema = spec.get("schema");
      if (schema == null || !schema.isObject()) {
        throw new InvalidRequestException(
            "response_format.json_schema.schema", "A json_schema response format needs 'schema'.");
      }
      ObjectNode jsonSchema = Json.object().put("schema", Json.string(schema));
      if (Json.text(spec, "name") != null) {
        jsonSchema.put("name", Json.text(spec, "name"));
      }
      if (Json.text(spec, "description") != null) {
        jsonSchema.put("description", Json.text(spec, "description"));
      }
      ObjectNode textFormat =
          body.putObject("outputConfig").putObject("textFormat").put("type", "json_schema");
      textFormat.putObject("structure").set("jsonSchema", jsonSchema);
    } else if (!"text".equals(type)) {
      throw new InvalidRequestException(
          "response_format.type",
          "'response_format.type' must be one of text, json_object, json_schema.");
    }
  }

  private static ObjectNode toolConfig(ChatRequest request, boolean historyHasTools) {
    if (request.tools().isEmpty()) {
      return null;
    }
    JsonNode choice = request.toolChoice();
    boolean none = choice != null && choice.isTextual() && "none".equals(choice.asText());
    if (none && !historyHasTools) {
      return null;
    }
    ObjectNode config = Json.object();
    ArrayNode tools = config.putArray("tools");
    for (ToolDefinition tool : request.tools()) {
      ObjectNode spec = tools.addObject().putObject("toolSpec");
      spec.put("name", tool.name());
      if (tool.description() != null) {
        spec.put("description", tool.description());
      }
      JsonNode schema =
          tool.parameters() != null
              ? tool.parameters()
              : Json.object().put("type", "object").set("properties", Json.object());
      spec.putObject("inputSchema").set("json", schema);
      if (tool.cacheControl() != null) {
        tools.add(cachePoint());
      }
    }
    if (choice != null && !none) {
      config.set("toolChoice", toolChoice(choice));
    }
    return config;
  }

  private static ObjectNode toolChoice(JsonNode choice) {
    ObjectNode out = Json.object();
    if (choice.isTextual() && "auto".equals(choice.asText())) {
      out.putObject("auto");
    } else if (choice.isTextual() && "required".equals(choice.asText())) {
      out.putObject("any");
    } else if (choice.isObject() && Json.text(choice.path("function"), "name") != null) {
      out.putObject("tool").put("name", Json.text(choice.path("function"), "name"));
    } else {
      throw new InvalidRequestException(
          "tool_choice",
          "'tool_choice' must be none, auto, required or {\"type\": \"function\", \"function\":"
              + " {\"name\": ...}}.");
    }
    return out;
  }

  static ObjectNode cachePoint() {
    ObjectNode block = Json.object();
    block.putObject("cachePoint").put("type", "default");
    return block;
  }
}
