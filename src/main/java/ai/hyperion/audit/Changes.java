package ai.hyperion.audit;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field-by-field differences between two views of a resource (records, as the admin API shows
 * them). Nested records are flattened ({@code limits.requestsPerMinute}); collections and maps are
 * compared whole, sorted, so the same content always gives the same JSON. Timestamps the database
 * maintains ({@code createdAt}, {@code updatedAt}) are left out; a field whose name marks it as a
 * secret is never written, only that it changed.
 */
public final class Changes {

  /** What a secret field shows in place of its value. */
  public static final String SECRET = "[secret]";

  /** What a secret field shows as its new value when it replaced another secret. */
  public static final String SECRET_CHANGED = "[secret changed]";

  /** The longest value kept; longer ones are cut, with a marker (the column is bounded). */
  static final int MAX_VALUE_CHARS = 2000;

  private static final Set<String> IGNORED = Set.of("createdAt", "updatedAt", "display");
  private static final JsonNodeFactory NODES = Json.NODES;

  private Changes() {}

  /** {@code before} null: a creation (every set field); {@code after} null: a deletion. */
  public static List<FieldChange> between(Object before, Object after) {
    Map<String, JsonNode> old = flatten(before);
    Map<String, JsonNode> now = flatten(after);
    Set<String> fields = new TreeSet<>(old.keySet());
    fields.addAll(now.keySet());
    List<FieldChange> changes = new ArrayList<>();
    for (String field : fields) {
      JsonNode a = old.get(field);
      JsonNode b = now.get(field);
      if (!Objects.equals(a, b)) {
        if (secret(field)) {
          // Compared in clear, written masked: a changed secret shows as changed, never as itself.
          changes.add(
              new FieldChange(
                  field,
                  a == null ? null : NODES.textNode(SECRET),
                  b == null ? null : NODES.textNode(a == null ? SECRET : SECRET_CHANGED)));
        } else {
          changes.add(new FieldChange(field, a, b));
        }
      }
    }
    return changes;
  }

  /** A change to one field, given its old and new values. */
  public static FieldChange of(String field, Object before, Object after) {
    JsonNode a = json(before);
    JsonNode b = json(after);
    if (!secret(field)) {
      return new FieldChange(field, a, b);
    }
    return new FieldChange(
        field,
        a == null ? null : NODES.textNode(SECRET),
        b == null ? null : NODES.textNode(a == null ? SECRET : SECRET_CHANGED));
  }

  /** The JSON array the trail stores: {@code [{"field":..,"old":..,"new":..}]}, in field order. */
  public static String toJson(List<FieldChange> changes) {
    ArrayNode array = NODES.arrayNode();
    for (FieldChange change : changes) {
      ObjectNode node = array.addObject();
      node.put("field", change.field());
      node.set("old", change.before() == null ? NODES.nullNode() : change.before());
      node.set("new", change.after() == null ? NODES.nullNode() : change.after());
    }
    return array.toString();
  }

  /**
   * {@link #toJson}, kept within the audit column: when the whole is too long, each value is cut to
   * a short JSON text with its original length, and as a last resort only the field names remain.
   */
  public static String toBoundedJson(List<FieldChange> changes, int maxChars) {
    String json = toJson(changes);
    if (json.length() <= maxChars) {
      return json;
    }
    List<FieldChange> shortened = new ArrayList<>(changes.size());
    int perValue = Math.max(40, maxChars / Math.max(1, changes.size() * 3));
    for (FieldChange change : changes) {
      shortened.add(
          new FieldChange(
              change.field(), cut(change.before(), perValue), cut(change.after(), perValue)));
    }
    json = toJson(shortened);
    if (json.length() <= maxChars) {
      return json;
    }
    List<FieldChange> namesOnly = new ArrayList<>();
    for (FieldChange change : changes) {
      namesOnly.add(new FieldChange(change.field(), null, NODES.textNode("[changed]")));
    }
    return toJson(namesOnly);
  }

  private static JsonNode cut(JsonNode value, int max) {
    if (value == null) {
      return null;
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return text.length() <= max
        ? value
        : NODES.textNode(text.substring(0, max) + "…(" + text.length() + " chars)");
  }

  static boolean secret(String field) {
    String name = field.substring(field.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return name.contains("secret")
        || name.contains("password")
        || name.endsWith("token")
        || name.equals("key")
        || name.endsWith("hash");
  }

  /**
   * A view as sorted field → value (in clear), nested records flattened; empty and null values
   * omitted.
   */
  static Map<String, JsonNode> flatten(Object view) {
    Map<String, JsonNode> fields = new TreeMap<>();
    if (view != null) {
      flatten("", view, fields);
    }
    return fields;
  }

  private static void flatten(String prefix, Object view, Map<String, JsonNode> into) {
    if (view instanceof Map<?, ?> map) {
      map.forEach((k, v) -> put(prefix + k, v, into));
      return;
    }
    if (!view.getClass().isRecord()) {
      throw new IllegalArgumentException("Audited views are records or maps: " + view.getClass());
    }
    for (RecordComponent component : view.getClass().getRecordComponents()) {
      String name = prefix + component.getName();
      if (IGNORED.contains(component.getName())) {
        continue;
      }
      Object value;
      try {
        value = component.getAccessor().invoke(view);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("Cannot read " + name + " of " + view.getClass(), e);
      }
      if (value != null && value.getClass().isRecord()) {
        flatten(name + ".", value, into);
      } else {
        put(name, value, into);
      }
    }
  }

  private static void put(String field, Object value, Map<String, JsonNode> into) {
    JsonNode node = json(value);
    if (node != null) {
      into.put(field, node);
    }
  }

  /** Deterministic JSON of a value; null for null, empty collections and empty maps. */
  static JsonNode json(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNode node) {
      return node.isNull() ? null : node;
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return NODES.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return NODES.numberNode(new BigDecimal(n.toString()));
    }
    if (value instanceof Collection<?> collection) {
      if (collection.isEmpty()) {
        return null;
      }
      ArrayNode array = NODES.arrayNode();
      Collection<?> ordered = collection instanceof List<?> ? collection : sorted(collection);
      ordered.forEach(item -> array.add(Objects.requireNonNullElse(json(item), NODES.nullNode())));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return null;
      }
      ObjectNode object = NODES.objectNode();
      new TreeMap<>(stringKeys(map))
          .forEach((k, v) -> object.set(k, Objects.requireNonNullElse(json(v), NODES.nullNode())));
      return object;
    }
    if (value.getClass().isRecord()) {
      ObjectNode object = NODES.objectNode();
      flatten(value).forEach(object::set);
      return object;
    }
    String text = value instanceof Enum<?> e ? e.name() : value.toString();
    if (value instanceof TemporalAccessor) {
      return NODES.textNode(text);
    }
    return NODES.textNode(
        text.length() > MAX_VALUE_CHARS
            ? text.substring(0, MAX_VALUE_CHARS) + "…(" + text.length() + " chars)"
            : text);
  }

  private static Collection<?> sorted(Collection<?> items) {
    List<String> texts = new ArrayList<>();
    items.forEach(item -> texts.add(String.valueOf(item)));
    texts.sort(null);
    return texts;
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
