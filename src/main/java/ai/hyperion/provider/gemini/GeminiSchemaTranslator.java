package ai.hyperion.provider.gemini;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * JSON Schema (what OpenAI callers send) → Gemini's {@code Schema}, an OpenAPI 3.0 subset that
 * rejects unknown keywords such as {@code additionalProperties}, {@code $schema} or {@code strict}.
 * Keeps the keywords Gemini knows, inlines local {@code $ref}s, and turns {@code "type": ["string",
 * "null"]} into {@code nullable}.
 */
final class GeminiSchemaTranslator {

  private static final Set<String> KEPT =
      Set.of(
          "type",
          "format",
          "title",
          "description",
          "nullable",
          "enum",
          "maxItems",
          "minItems",
          "required",
          "minProperties",
          "maxProperties",
          "minLength",
          "maxLength",
          "pattern",
          "example",
          "default",
          "minimum",
          "maximum",
          "propertyOrdering");
  private static final int MAX_DEPTH = 32;

  private GeminiSchemaTranslator() {}

  static ObjectNode convert(JsonNode schema) {
    return convert(schema, schema, 0);
  }

  /**
   * Whether a converted schema is an object without properties, which Gemini refuses as parameters.
   */
  static boolean isEmptyObject(ObjectNode schema) {
    return "object".equalsIgnoreCase(Json.text(schema, "type"))
        && (!schema.has("properties") || schema.get("properties").isEmpty());
  }

  private static ObjectNode convert(JsonNode schema, JsonNode root, int depth) {
    ObjectNode out = Json.object();
    if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
      return out;
    }
    String ref = Json.text(schema, "$ref");
    if (ref != null) {
      return convert(resolve(root, ref), root, depth + 1);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals("type") && value.isArray()) {
        writeTypeUnion(out, (ArrayNode) value);
      } else if (key.equals("const")) {
        out.putArray("enum").add(value.isTextual() ? value.asText() : value.toString());
      } else if (key.equals("properties") && value.isObject()) {
        ObjectNode properties = out.putObject("properties");
        value
            .fields()
            .forEachRemaining(
                p -> properties.set(p.getKey(), convert(p.getValue(), root, depth + 1)));
      } else if (key.equals("items") && value.isObject()) {
        out.set("items", convert(value, root, depth + 1));
      } else if ((key.equals("anyOf") || key.equals("oneOf")) && value.isArray()) {
        ArrayNode anyOf = out.putArray("anyOf");
        value.forEach(option -> anyOf.add(convert(option, root, depth + 1)));
      } else if (KEPT.contains(key)) {
        out.set(key, value);
      }
    }
    if (out.has("properties") && out.get("properties").isEmpty()) {
      out.remove("properties");
    }
    return out;
  }

  private static void writeTypeUnion(ObjectNode out, ArrayNode types) {
    ArrayNode concrete = Json.NODES.arrayNode();
    for (JsonNode type : types) {
      if ("null".equals(type.asText())) {
        out.put("nullable", true);
      } else {
        concrete.add(type.asText());
      }
    }
    if (concrete.size() == 1) {
      out.put("type", concrete.get(0).asText());
    } else if (concrete.size() > 1) {
      ArrayNode anyOf = out.putArray("anyOf");
      concrete.forEach(type -> anyOf.addObject().put("type", type.asText()));
    }
  }

  private static JsonNode resolve(JsonNode root, String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode target = root;
    for (String segment : ref.substring(2).split("/")) {
      target = target.path(segment.replace("~1", "/").replace("~0", "~"));
    }
    return target.isMissingNode() ? null : target;
  }
}
