package ai.hyperion.provider.gemini;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.ToolCall;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical {@link ChatRequest} → Gemini {@code GenerateContentRequest}. System and developer
 * messages become {@code systemInstruction}; turns alternate {@code user}/{@code model} with
 * consecutive same-role turns merged; tool results become {@code functionResponse} parts named
 * after the assistant call they answer. Gemini-only knobs come from request extras: {@code
 * safety_settings}, {@code cached_content}, {@code labels}, {@code generation_config} (merged under
 * the mapped fields) and {@code top_k}.
 */
final class GeminiRequestTranslator {

  /**
   * Google's documented stand-in for a function call whose thought signature did not come from
   * Gemini (a turn another provider served): Gemini 3 refuses such a call without one.
   */
  static final String FOREIGN_CALL_SIGNATURE = "skip_thought_signature_validator";

  private static final ObjectReader STRICT =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private GeminiRequestTranslator() {}

  static ObjectNode write(ChatRequest request) {
    return write(request, Continuity.none("gemini"));
  }

  static ObjectNode write(ChatRequest request, Continuity continuity) {
    boolean strictSignatures = strictSignatures(request.model());
    ObjectNode body = Json.object();
    ArrayNode contents = body.putArray("contents");
    ArrayNode system = Json.NODES.arrayNode();
    Map<String, String> callNames = new HashMap<>();
    List<ChatMessage> messages = request.messages();
    for (int i = 0; i < messages.size(); i++) {
      ChatMessage message = messages.get(i);
      String path = "messages[" + i + "]";
      switch (message.role()) {
        case SYSTEM, DEVELOPER -> {
          String text = message.text();
          if (text != null && !text.isEmpty()) {
            system.addObject().put("text", text);
          }
        }
        case USER -> append(contents, "user", userParts(message, path));
        case ASSISTANT ->
            append(
                contents,
                "model",
                modelParts(message, path, callNames, continuity, strictSignatures));
        case TOOL -> append(contents, "user", List.of(functionResponse(message, path, callNames)));
      }
    }
    if (!system.isEmpty()) {
      if (contents.isEmpty()) {
        // Gemini needs at least one turn; a system-only request is the user's prompt.
        contents.addObject().put("role", "user").set("parts", system);
      } else {
        body.putObject("systemInstruction").set("parts", system);
      }
    }
    GeminiToolTranslator.write(request.tools(), request.toolChoice(), body);
    body.set("generationConfig", generationConfig(request));
    copyExtra(request.extras(), body, "safetySettings", "safety_settings", "safetySettings");
    copyExtra(request.extras(), body, "cachedContent", "cached_content", "cachedContent");
    copyExtra(request.extras(), body, "labels", "labels", "labels");
    return body;
  }

  private static void append(ArrayNode contents, String role, List<ObjectNode> parts) {
    if (parts.isEmpty()) {
      return;
    }
    JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
    ArrayNode target =
        last != null && role.equals(Json.text(last, "role"))
            ? (ArrayNode) last.get("parts")
            : contents.addObject().put("role", role).putArray("parts");
    parts.forEach(target::add);
  }

  private static List<ObjectNode> userParts(ChatMessage message, String path) {
    List<ObjectNode> parts = new ArrayList<>();
    if (message.content() == null) {
      return parts;
    }
    for (int j = 0; j < message.content().size(); j++) {
      ObjectNode part =
          GeminiPartTranslator.write(message.content().get(j), path + ".content[" + j + "]");
      if (part != null) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** Gemini 1.x and 2.x accept function calls without signatures; later models do not. */
  private static boolean strictSignatures(String model) {
    String id = model == null ? "" : model.startsWith("models/") ? model.substring(7) : model;
    return !(id.startsWith("gemini-1") || id.startsWith("gemini-2"));
  }

  private static List<ObjectNode> modelParts(
      ChatMessage message,
      String path,
      Map<String, String> callNames,
      Continuity continuity,
      boolean strictSignatures) {
    List<ObjectNode> parts = new ArrayList<>();
    String text = message.text();
    if (text != null && !text.isEmpty()) {
      parts.add(Json.object().put("text", text));
    }
    for (int j = 0; j < message.toolCalls().size(); j++) {
      ToolCall call = message.toolCalls().get(j);
      if (call.id() != null) {
        callNames.put(call.id(), call.name());
      }
      ObjectNode part = Json.object();
      ObjectNode functionCall = part.putObject("functionCall");
      functionCall.put("name", call.name());
      functionCall.set(
          "args", arguments(call.arguments(), path + ".tool_calls[" + j + "].function.arguments"));
      String signature = continuity.recall(call.id(), ResumeState.THOUGHT_SIGNATURE);
      if (signature == null) {
        signature = GeminiToolCallIds.signature(call.id());
      }
      if (signature == null && j == 0 && strictSignatures) {
        signature = FOREIGN_CALL_SIGNATURE;
      }
      if (signature != null) {
        part.put("thoughtSignature", signature);
      }
      parts.add(part);
    }
    return parts;
  }

  private static ObjectNode functionResponse(
      ChatMessage message, String path, Map<String, String> callNames) {
    String name = message.toolCallId() == null ? null : callNames.get(message.toolCallId());
    if (name == null && message.extras() != null) {
      name = Json.text(message.extras(), "name");
    }
    if (name == null) {
      throw new InvalidRequestException(
          path + ".tool_call_id",
          "'"
              + path
              + ".tool_call_id' does not match a tool call of an earlier assistant message.");
    }
    ObjectNode part = Json.object();
    part.putObject("functionResponse")
        .put("name", name)
        .set("response", result(toolOutput(message, path)));
    return part;
  }

  private static String toolOutput(ChatMessage message, String path) {
    if (message.content() != null) {
      for (ContentPart part : message.content()) {
        if (!(part instanceof ContentPart.Text)) {
          throw new InvalidRequestException(
              path + ".content", "Gemini takes only text as a tool result.");
        }
      }
    }
    String text = message.text();
    return text == null ? "" : text;
  }

  /** Gemini wants the result as an object; anything else is wrapped as {"result": ...}. */
  private static ObjectNode result(String output) {
    JsonNode parsed = parseOrNull(output);
    if (parsed != null && parsed.isObject()) {
      return (ObjectNode) parsed;
    }
    ObjectNode wrapped = Json.object();
    if (parsed != null && !parsed.isMissingNode()) {
      wrapped.set("result", parsed);
    } else {
      wrapped.put("result", output);
    }
    return wrapped;
  }

  private static JsonNode arguments(String arguments, String path) {
    if (arguments == null || arguments.isBlank()) {
      return Json.object();
    }
    JsonNode parsed = parseOrNull(arguments);
    if (parsed == null || !parsed.isObject()) {
      throw new InvalidRequestException(path, "'" + path + "' must be a JSON object.");
    }
    return parsed;
  }

  /** Strict: "42 apples" is text, not the number 42 followed by junk. */
  private static JsonNode parseOrNull(String text) {
    try {
      return STRICT.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static ObjectNode generationConfig(ChatRequest request) {
    ObjectNode config = Json.object();
    JsonNode given = extra(request.extras(), "generation_config", "generationConfig");
    if (given != null) {
      if (!given.isObject()) {
        throw new InvalidRequestException(
            "generation_config", "'generation_config' must be an object.");
      }
      config.setAll((ObjectNode) given.deepCopy());
    }
    if (request.outputTokenLimit() != null) {
      config.put("maxOutputTokens", request.outputTokenLimit());
    }
    if (request.temperature() != null) {
      config.put("temperature", request.temperature());
    }
    if (request.topP() != null) {
      config.put("topP", request.topP());
    }
    if (!request.stop().isEmpty()) {
      ArrayNode stop = config.putArray("stopSequences");
      request.stop().forEach(stop::add);
    }
    copyNumber(request.extras(), config, "n", "candidateCount");
    copyNumber(request.extras(), config, "seed", "seed");
    copyNumber(request.extras(), config, "presence_penalty", "presencePenalty");
    copyNumber(request.extras(), config, "frequency_penalty", "frequencyPenalty");
    copyNumber(request.extras(), config, "top_k", "topK");
    writeResponseFormat(request.responseFormat(), config);
    return config;
  }

  private static void writeResponseFormat(JsonNode format, ObjectNode config) {
    if (format == null) {
      return;
    }
    String type = Json.text(format, "type");
    if ("text".equals(type)) {
      return;
    }
    if ("json_object".equals(type)) {
      config.put("responseMimeType", "application/json");
      return;
    }
    JsonNode schema = format.path("json_schema").get("schema");
    if ("json_schema".equals(type) && schema != null && schema.isObject()) {
      config.put("responseMimeType", "application/json");
      config.set("responseSchema", GeminiSchemaTranslator.convert(schema, "response_format"));
      return;
    }
    throw new InvalidRequestException(
        "response_format",
        "'response_format' must be {\"type\": \"text\"}, {\"type\": \"json_object\"} or a"
            + " json_schema with 'schema'.");
  }

  private static void copyNumber(ObjectNode extras, ObjectNode config, String from, String to) {
    JsonNode value = extras == null ? null : extras.get(from);
    if (value != null && value.isNumber()) {
      config.set(to, value);
    }
  }

  private static void copyExtra(ObjectNode extras, ObjectNode body, String to, String... names) {
    JsonNode value = extra(extras, names);
    if (value != null) {
      body.set(to, value);
    }
  }

  private static JsonNode extra(ObjectNode extras, String... names) {
    if (extras == null) {
      return null;
    }
    for (String name : names) {
      JsonNode value = extras.get(name);
      if (value != null && !value.isNull()) {
        return value;
      }
    }
    return null;
  }
}
