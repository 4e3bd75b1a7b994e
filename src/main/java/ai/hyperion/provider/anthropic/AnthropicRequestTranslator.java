package ai.hyperion.provider.anthropic;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Canonical {@link ChatRequest} → Anthropic Messages request body.
 *
 * <p>JSON mode: Anthropic has no {@code response_format}. {@code json_schema} follows Anthropic's
 * documented "JSON output through tool use" recipe: a tool named {@value #JSON_TOOL} whose {@code
 * input_schema} is the caller's schema, forced with {@code tool_choice} (or {@code any} when the
 * caller brought tools of its own); the response side turns that tool's input back into the answer
 * text. {@code json_object} has no schema to force, so it adds a system instruction.
 *
 * <p>Of the fields the gateway does not model, only those Anthropic understands travel: {@code
 * top_k}, {@code thinking}, {@code metadata.user_id} (also filled from OpenAI's {@code user}) and
 * {@code parallel_tool_calls: false} (as {@code disable_parallel_tool_use}); OpenAI-only fields
 * (seed, n, logprobs, ...) are dropped, since Anthropic rejects unknown fields.
 */
final class AnthropicRequestTranslator {

  static final String JSON_TOOL = "json";
  static final String JSON_OBJECT_INSTRUCTION =
      "Respond with a single valid JSON object and nothing else: no prose, no code fences.";

  private AnthropicRequestTranslator() {}

  /** Whether the answer comes back as the input of the {@value #JSON_TOOL} tool. */
  static boolean usesJsonTool(ChatRequest request) {
    return request.responseFormat() != null
        && "json_schema".equals(Json.text(request.responseFormat(), "type"));
  }

  static ObjectNode toWire(ChatRequest request, AnthropicConfig config) {
    return toWire(request, config, Continuity.none("anthropic"));
  }

  static ObjectNode toWire(ChatRequest request, AnthropicConfig config, Continuity continuity) {
    ObjectNode body = Json.object();
    if (config.platform() == AnthropicConfig.Platform.VERTEX) {
      body.put("anthropic_version", AnthropicConfig.VERTEX_API_VERSION);
    } else {
      body.put("model", request.model());
    }
    ArrayNode system = AnthropicMessageTranslator.system(request.messages());
    if (request.responseFormat() != null
        && "json_object".equals(Json.text(request.responseFormat(), "type"))) {
      system.addObject().put("type", "text").put("text", JSON_OBJECT_INSTRUCTION);
    }
    if (!system.isEmpty()) {
      body.set("system", system);
    }
    ArrayNode messages = AnthropicMessageTranslator.messages(request.messages(), continuity);
    body.set("messages", messages);
    body.put(
        "max_tokens",
        request.outputTokenLimit() != null
            ? request.outputTokenLimit()
            : config.defaultMaxTokens());
    if (request.stream()) {
      body.put("stream", true);
    }
    if (request.temperature() != null) {
      // The range is the parameter policy's job (ParameterPolicies.ANTHROPIC); this is a backstop.
      body.put("temperature", Math.min(request.temperature(), 1.0));
    }
    if (request.topP() != null) {
      body.put("top_p", request.topP());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = body.putArray("stop_sequences");
      request.stop().forEach(stop::add);
    }
    writeTools(request, body);
    writeExtras(request.extras(), body);
    if (body.has("thinking") && !AnthropicMessageTranslator.lastToolTurnHasThinking(messages)) {
      // Anthropic requires the assistant turn being continued to start with its thinking block;
      // a turn another provider served has none, so this turn runs without extended thinking.
      body.remove("thinking");
    }
    return body;
  }

  private static void writeTools(ChatRequest request, ObjectNode body) {
    boolean jsonTool = usesJsonTool(request);
    if (request.tools().isEmpty() && !jsonTool) {
      return;
    }
    ArrayNode tools = body.putArray("tools");
    for (ToolDefinition tool : request.tools()) {
      ObjectNode t = tools.addObject().put("name", tool.name());
      if (tool.description() != null) {
        t.put("description", tool.description());
      }
      t.set("input_schema", tool.parameters() != null ? tool.parameters() : emptyObjectSchema());
      if (tool.cacheControl() != null) {
        t.set("cache_control", tool.cacheControl());
      }
    }
    boolean parallelDisabled =
        request.extras() != null
            && request.extras().path("parallel_tool_calls").isBoolean()
            && !request.extras().get("parallel_tool_calls").asBoolean();
    ObjectNode choice;
    if (jsonTool) {
      JsonNode spec = request.responseFormat().path("json_schema");
      ObjectNode t = tools.addObject().put("name", JSON_TOOL);
      String description = Json.text(spec, "description");
      t.put(
          "description",
          "Respond with a JSON object" + (description == null ? "." : ": " + description));
      t.set(
          "input_schema",
          spec.path("schema").isObject() ? spec.get("schema") : emptyObjectSchema());
      boolean noOwnTools =
          request.tools().isEmpty()
              || (request.toolChoice() != null && "none".equals(request.toolChoice().asText()));
      choice =
          noOwnTools
              ? Json.object().put("type", "tool").put("name", JSON_TOOL)
              : Json.object().put("type", "any");
    } else {
      choice = toolChoice(request.toolChoice());
    }
    if (parallelDisabled && choice == null) {
      choice = Json.object().put("type", "auto");
    }
    if (choice != null) {
      if (parallelDisabled && !"none".equals(Json.text(choice, "type"))) {
        choice.put("disable_parallel_tool_use", true);
      }
      body.set("tool_choice", choice);
    }
  }

  /** OpenAI {@code tool_choice} → Anthropic's; null when the caller left it to the default. */
  private static ObjectNode toolChoice(JsonNode choice) {
    if (choice == null) {
      return null;
    }
    String mode = choice.isTextual() ? choice.asText() : Json.text(choice, "type");
    if ("function".equals(mode)) {
      String name = Json.text(choice.path("function"), "name");
      if (name == null) {
        throw new InvalidRequestException(
            "tool_choice", "'tool_choice.function.name' is required.");
      }
      return Json.object().put("type", "tool").put("name", name);
    }
    if (mode == null) {
      throw new InvalidRequestException(
          "tool_choice", "'tool_choice' must be auto, none, required or a function.");
    }
    return switch (mode) {
      case "auto" -> Json.object().put("type", "auto");
      case "none" -> Json.object().put("type", "none");
      case "required" -> Json.object().put("type", "any");
      default ->
          throw new InvalidRequestException(
              "tool_choice",
              "'tool_choice' value '" + mode + "' cannot be expressed for Anthropic.");
    };
  }

  private static void writeExtras(ObjectNode extras, ObjectNode body) {
    if (extras == null) {
      return;
    }
    if (extras.path("top_k").isIntegralNumber()) {
      body.set("top_k", extras.get("top_k"));
    }
    if (extras.path("thinking").isObject()) {
      body.set("thinking", extras.get("thinking"));
    }
    String userId = Json.text(extras.path("metadata"), "user_id");
    if (userId == null && extras.path("user").isTextual()) {
      userId = extras.get("user").asText();
    }
    if (userId != null) {
      body.putObject("metadata").put("user_id", userId);
    }
  }

  private static ObjectNode emptyObjectSchema() {
    ObjectNode schema = Json.object().put("type", "object");
    schema.putObject("properties");
    return schema;
  }
}
