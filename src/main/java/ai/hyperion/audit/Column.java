package ai.hyperion.audit;

import java.util.function.Function;

/** One column of a search result: its name in JSON and CSV, and how to read it from a row. */
public record Column<V>(String name, Function<V, Object> value) {

  public static <V> Column<V> of(String name, Function<V, Object> value) {
    return new Column<>(name, value);
  }
}
