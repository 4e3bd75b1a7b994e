package ai.hyperion.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The one JSON mapper (thread-safe once configured) and small readers for tree nodes. */
public final class Json {

  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Parses bytes as JSON; empty when they are not JSON. */
  public static Optional<JsonNode> tryParse(byte[] bytes) {
    try {
      return Optional.ofNullable(MAPPER.readTree(bytes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  public static String string(JsonNode node) {
    return node.toString();
  }

  /** Text of a field, or null when absent or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  public static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? 0 : value.asInt();
  }
}
