package ai.hyperion.audit;

import ai.hyperion.admin.FieldErrors;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** Reads search query parameters, collecting every bad one in {@link FieldErrors}. */
public final class SearchParams {

  private final FieldErrors errors = new FieldErrors();

  /** An ISO-8601 instant ({@code 2030-01-31T00:00:00Z}) as the UTC time the tables store. */
  public LocalDateTime time(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.ofInstant(Instant.parse(value.trim()), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      errors.add(name, "must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
      return null;
    }
  }

  public Integer integer(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      errors.add(name, "must be a whole number");
      return null;
    }
  }

  /** Upper-cased, and one of {@code allowed}. */
  public <E extends Enum<E>> String oneOf(String name, String value, Class<E> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    for (E constant : allowed.getEnumConstants()) {
      if (constant.name().equals(upper)) {
        return upper;
      }
    }
    errors.add(name, "must be one of " + Arrays.toString(allowed.getEnumConstants()));
    return null;
  }

  public static String text(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  public void throwIfAny() {
    errors.throwIfAny();
  }
}
