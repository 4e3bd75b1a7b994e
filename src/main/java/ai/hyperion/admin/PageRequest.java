package ai.hyperion.admin;

/** Offset pagination of admin listings. */
public record PageRequest(int offset, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public static PageRequest of(Integer offset, Integer limit) {
    FieldErrors errors = new FieldErrors();
    int from = offset == null ? 0 : offset;
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (from < 0) {
      errors.add("offset", "must be zero or more");
    }
    if (size < 1 || size > MAX_LIMIT) {
      errors.add("limit", "must be between 1 and " + MAX_LIMIT);
    }
    errors.throwIfAny();
    return new PageRequest(from, size);
  }

  /** From the raw query parameters, so that "abc" is a 400 naming the parameter, not a 404. */
  public static PageRequest parse(String offset, String limit) {
    FieldErrors errors = new FieldErrors();
    Integer from = integer(errors, "offset", offset);
    Integer size = integer(errors, "limit", limit);
    errors.throwIfAny();
    return of(from, size);
  }

  private static Integer integer(FieldErrors errors, String name, String value) {
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

  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }
}
