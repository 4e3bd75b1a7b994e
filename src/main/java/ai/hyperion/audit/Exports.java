package ai.hyperion.audit;

import ai.hyperion.admin.Page;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Writes search results as rows of JSON and as CSV or JSON Lines, streamed: rows are read a chunk
 * at a time (each chunk its own short read, continuing after the last row written), written and
 * flushed, so an export of millions of rows holds one chunk in memory.
 */
public final class Exports {

  /** Rows per chunk read from the database. */
  public static final int CHUNK = 500;

  private Exports() {}

  /** A page of rows in the admin API's listing shape: data, total, offset, limit, hasMore. */
  public static <V> ObjectNode page(Page<V> page, List<Column<V>> columns) {
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    page.data().forEach(row -> data.add(json(row, columns)));
    body.put("total", page.total());
    body.put("offset", page.offset());
    body.put("limit", page.limit());
    body.put("hasMore", page.hasMore());
    return body;
  }

  /** One row as a JSON object, columns in order. */
  public static <V> ObjectNode json(V row, List<Column<V>> columns) {
    ObjectNode node = Json.object();
    for (Column<V> column : columns) {
      Object value = column.value().apply(row);
      JsonNode json = value instanceof JsonNode j ? j : Changes.json(value);
      if (json == null) {
        if (value instanceof Map<?, ?>) {
          json = Json.object();
        } else if (value instanceof Collection<?>) {
          json = Json.NODES.arrayNode();
        } else {
          json = Json.NODES.nullNode();
        }
      }
      node.set(column.name(), json);
    }
    return node;
  }

  /**
   * Streams every row {@code next} returns: it is called with the last row written (null at first)
   * and the chunk size, and returns the next chunk in export order, fewer than asked at the end.
   */
  public static <V> StreamingOutput stream(
      ExportFormat format, List<Column<V>> columns, BiFunction<V, Integer, List<V>> next) {
    return output -> {
      Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
      if (format == ExportFormat.CSV) {
        writeCsvRow(out, columns.stream().map(Column::name).map(Object.class::cast).toList());
      }
      V last = null;
      while (true) {
        List<V> chunk = next.apply(last, CHUNK);
        for (V row : chunk) {
          if (format == ExportFormat.CSV) {
            writeCsvRow(out, columns.stream().map(c -> c.value().apply(row)).toList());
          } else {
            out.write(json(row, columns).toString());
            out.write('\n');
          }
          last = row;
        }
        out.flush();
        if (chunk.size() < CHUNK) {
          return;
        }
      }
    };
  }

  static void writeCsvRow(Writer out, List<Object> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(csvField(values.get(i)));
    }
    out.write("\r\n");
  }

  /**
   * One CSV field: quoted when it holds a comma, quote or line break (quotes doubled); text that a
   * spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with an
   * apostrophe. Collections and maps are written as JSON.
   */
  static String csvField(Object value) {
    if (value == null) {
      return "";
    }
    String text;
    if (value instanceof Number || value instanceof Boolean) {
      text = value.toString();
    } else {
      JsonNode json = value instanceof JsonNode j ? j : Changes.json(value);
      text = json == null ? "" : json.isTextual() ? json.asText() : json.toString();
      if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
        text = "'" + text;
      }
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
