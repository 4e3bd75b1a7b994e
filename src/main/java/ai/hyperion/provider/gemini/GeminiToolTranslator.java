package ai.hyperion.provider.gemini;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** OpenAI {@code tools} / {@code tool_choice} → Gemini {@code tools} / {@code toolConfig}. */
final class GeminiToolTranslator {

  private GeminiToolTranslator() {}

  static void write(List<ToolDefinition> tools, JsonNode toolChoice, ObjectNode body) {
    if (tools.isEmpty()) {
      return;
    }
    ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
    for (ToolDefinition tool : tools) {
      ObjectNode declaration = declarations.addObject();
      declaration.put("name", tool.name());
      if (tool.description() != null) {
        declaration.put("description", tool.description());
      }
      if (tool.parameters() != null) {
        ObjectNode parameters = GeminiSchemaTranslator.convert(tool.parameters(), "tools");
        if (!GeminiSchemaTranslator.isEmptyObject(parameters)) {
          declaration.set("parameters", parameters);
        }
      }
    }
    if (toolChoice != null) {
      body.putObject("toolConfig").set("functionCallingConfig", functionCallingConfig(toolChoice));
    }
  }

  private static ObjectNode functionCallingConfig(JsonNode choice) {
    ObjectNode config = Json.object();
    if (choice.isTextual()) {
      switch (choice.asText()) {
        case "auto" -> config.put("mode", "AUTO");
        case "none" -> config.put("mode", "NONE");
        case "required" -> config.put("mode", "ANY");
        default -> throw invalid();
      }
      return config;
    }
    String name = Json.text(choice.path("function"), "name");
    if (choice.isObject() && name != null) {
      config.put("mode", "ANY");
      config.putArray("allowedFunctionNames").add(name);
      return config;
    }
    throw invalid();
  }

  private static InvalidRequestException invalid() {
    return new InvalidRequestException(
        "tool_choice",
        "'tool_choice' must be 'auto', 'none', 'required' or {\"type\": \"function\", \"function\":"
            + " {\"name\": ...}}.");
  }
}
