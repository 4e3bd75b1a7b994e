package ai.hyperion.persistence;

import jakarta.persistence.Column;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The column names an entity maps, read from its {@code @Column} annotations. */
public final class EntityColumns {

  private EntityColumns() {}

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
