package ai.hyperion.provider.gemini;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
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

  /**
   * Most schema nodes one conversion may write. Inlining {@code $ref}s can multiply a small schema
   * (a definition whose properties all point back at it grows by its property count per level), so
   * the output, not the input, is what is counted.
   */
  static final int MAX_NODES = 5_000;

  private GeminiSchemaTranslator() {}

  /**
   * Converts one schema; {@code param} names where it came from ({@code tools}, {@code
   * response_format}) in the 400 given when inlining its references would exceed {@link
   * #MAX_NODES}.
   */
  static ObjectNode convert(JsonNode schema, String param) {
    return new Expansion(schema, param).convert(schema, 0);
  }

  /**
   * Whether a converted schema is an object without properties, which Gemini refuses as parameters.
   */
  static boolean isEmptyObject(ObjectNode schema) {
    return "object".equalsIgnoreCase(Json.text(schema, "type"))
        && (!schema.has("properties") || schema.get("properties").isEmpty());
  }

  /**
   * One conversion: its node count, the references being expanded (a reference met again inside
   * itself is recursive and unrolled up to {@link #MAX_DEPTH}, within the node budget), and the
   * finished expansions of non-recursive references, reused instead of converted again.
   */
  private static final class Expansion {
    private record Done(ObjectNode schema, int nodes) {}

    private final JsonNode root;
    private final String param;
    private final Set<String> active = new HashSet<>();
    private final Map<String, Done> done = new HashMap<>();
    private int nodes;
    private int cutoffs;

    Expansion(JsonNode root, String param) {
      this.root = root;
      this.param = param;
    }

    ObjectNode convert(JsonNode schema, int depth) {
      count(1);
      ObjectNode out = Json.object();
      if (schema == null || !schema.isObject()) {
        return out;
      }
      if (depth > MAX_DEPTH) {
        cutoffs++;
        return out;
      }
      String ref = Json.text(schema, "$ref");
      if (ref != null) {
        return inline(ref, depth);
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
          for (Iterator<Map.Entry<String, JsonNode>> p = value.fields(); p.hasNext(); ) {
            Map.Entry<String, JsonNode> property = p.next();
            properties.set(property.getKey(), convert(property.getValue(), depth + 1));
          }
        } else if (key.equals("items") && value.isObject()) {
          out.set("items", convert(value, depth + 1));
        } else if ((key.equals("anyOf") || key.equals("oneOf")) && value.isArray()) {
          ArrayNode anyOf = out.putArray("anyOf");
          for (JsonNode option : value) {
            anyOf.add(convert(option, depth + 1));
          }
        } else if (KEPT.contains(key)) {
          out.set(key, value);
        }
      }
      if (out.has("properties") && out.get("properties").isEmpty()) {
        out.remove("properties");
      }
      return out;
    }

    private ObjectNode inline(String ref, int depth) {
      Done reused = done.get(ref);
      if (reused != null) {
        count(reused.nodes());
        return reused.schema().deepCopy();
      }
      boolean recursive = !active.add(ref);
      int nodesBefore = nodes;
      int cutoffsBefore = cutoffs;
      ObjectNode out = convert(resolve(root, ref), depth + 1);
      if (!recursive) {
        active.remove(ref);
        // Only an expansion that met neither itself nor the depth cap is the same wherever used.
        if (cutoffs == cutoffsBefore) {
          done.put(ref, new Done(out.deepCopy(), nodes - nodesBefore));
        }
      } else {
        cutoffs++;
      }
      return out;
    }

    private void count(int added) {
      nodes += added;
      if (nodes > MAX_NODES) {
        throw new InvalidRequestException(
            param,
            "The JSON schema in '"
                + param
                + "' expands to more than "
                + MAX_NODES
                + " schema nodes once its $refs are inlined (the limit for Gemini models);"
                + " simplify it or remove recursive references.");
      }
    }
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
