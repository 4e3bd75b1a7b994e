package ai.hyperion.admin;

import ai.hyperion.auth.UserRole;
import java.util.List;
import java.util.Locale;

/**
 * An admin API request refused with a status, an error code and, for bad input, the fields at
 * fault.
 */
public class AdminApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<FieldError> fieldErrors;
  private Long retryAfterSeconds;

  public AdminApiException(int status, String code, String message, List<FieldError> fieldErrors) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public static AdminApiException invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String message =
        errors.size() == 1
            ? first.field() + ": " + first.message()
            : first.field() + ": " + first.message() + " (and " + (errors.size() - 1) + " more)";
    return new AdminApiException(400, "invalid_field", message, errors);
  }

  public static AdminApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static AdminApiException forbidden(UserRole role, Access access, Area area) {
    return new AdminApiException(
        403,
        "forbidden",
        "The role "
            + role
            + " may not "
            + access.name().toLowerCase(Locale.ROOT)
            + " "
            + area.name().toLowerCase(Locale.ROOT)
            + " data here.",
        List.of());
  }

  public static AdminApiException forbidden(String message) {
    return new AdminApiException(403, "forbidden", message, List.of());
  }

  public static AdminApiException notFound(String what, String id) {
    return new AdminApiException(
        404, "not_found", "No " + what + " with id '" + id + "'.", List.of());
  }

  /** Too many failed sign-ins or key checks from this address: wait before trying again. */
  public static AdminApiException throttled(long retryAfterSeconds) {
    AdminApiException e =
        new AdminApiException(
            429,
            "too_many_failed_authentications",
            "Too many failed authentications from your address. Try again in "
                + retryAfterSeconds
                + " s.",
            List.of());
    e.retryAfterSeconds = retryAfterSeconds;
    return e;
  }

  /** Null unless the caller is told when to retry. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static AdminApiException conflict(String message) {
    return new AdminApiException(409, "conflict", message, List.of());
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The first field at fault, or null. */
  public String param() {
    return fieldErrors.isEmpty() ? null : fieldErrors.get(0).field();
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
