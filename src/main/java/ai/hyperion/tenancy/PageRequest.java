package ai.hyperion.tenancy;

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

  public static PageRequest first() {
    return new PageRequest(0, DEFAULT_LIMIT);
  }
}
