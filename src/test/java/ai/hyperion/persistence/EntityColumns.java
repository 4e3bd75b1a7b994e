package ai.hyperion.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The column names an entity maps, read from its {@code @Column} annotations. */
public final class EntityColumns {

  private EntityColumns() {}

  /** {@code insert} writes every column {@code entity} maps, and each once. */
  public static void assertInsertWritesEach(Class<?> entity, BatchInsert<?> insert) {
    List<String> written = insert.columnNames();
    assertEquals(written.size(), new HashSet<>(written).size(), "a column twice: " + written);
    assertEquals(of(entity), new HashSet<>(written));
  }

  public static Set<String> of(Class<?> entity) {
    return Arrays.stream(entity.getDeclaredFields())
        .map(EntityColumns::column)
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private static String column(Field field) {
    Column column = field.getAnnotation(Column.class);
    return column == null ? null : column.name();
  }
}
