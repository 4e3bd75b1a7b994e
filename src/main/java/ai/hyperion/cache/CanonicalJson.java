package ai.hyperion.cache;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One text for every JSON document that means the same: object keys sorted, no whitespace, numbers
 * by value ({@code 1}, {@code 1.0}, {@code 1e0} and {@code 1.00} are all {@code 1}; {@code -0} is
 * {@code 0}), strings escaped one way. Array order is kept: it carries meaning.
 */
public final class CanonicalJson {

  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private CanonicalJson() {}

  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  public static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      List<String> names = new ArrayList<>(node.size());
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        string(names.get(i), out);
        out.append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> it = node.elements();
      for (int i = 0; it.hasNext(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(it.next(), out);
      }
      out.append(']');
    } else if (node.isNumber()) {
      if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
        string(Double.toString(node.doubleValue()), out);
      } else {
        number(node.decimalValue(), out);
      }
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isTextual()) {
      string(node.textValue(), out);
    } else {
      // Binary or POJO nodes never come from parsed request bodies; their text form is stable.
      string(node.asText(), out);
    }
  }

  /** A number by value: integral values without a fraction or exponent, others minimal. */
  public static void number(BigDecimal value, StringBuilder out) {
    if (value.signum() == 0) {
      out.append('0');
      return;
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 40) {
      out.append(stripped.toBigIntegerExact());
    } else {
      out.append(stripped.toString());
    }
  }

  public static void number(Double value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value.isNaN() || value.isInfinite()) {
      string(value.toString(), out);
    } else {
      number(BigDecimal.valueOf(value), out);
    }
  }

  public static void string(String value, StringBuilder out) {
    if (value == null) {
      out.append("null");
      return;
    }
    out.append('"');
    ENCODER.quoteAsString(value, out);
    out.append('"');
  }
}
