package ai.hyperion.admin;

import ai.hyperion.auth.Limits;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of an admin request, then fails with all of them, each naming its field.
 */
public final class FieldErrors {

  public static final int MAX_NAME = 200;
  static final int MAX_LIST_ENTRIES = 200;
  static final int MAX_LIST_ENTRY = 200;
  static final int MAX_METADATA_ENTRIES = 50;
  static final int MAX_METADATA_KEY = 100;
  static final int MAX_METADATA_VALUE = 500;

  private final List<FieldError> errors = new ArrayList<>();

  public FieldErrors add(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  public FieldErrors name(String field, String value, boolean required) {
    if (value == null) {
      return required ? add(field, "is required") : this;
    }
    if (value.isBlank()) {
      return add(field, "must not be blank");
    }
    if (value.length() > MAX_NAME) {
      add(field, "must be at most " + MAX_NAME + " characters");
    }
    return this;
  }

  public FieldErrors names(String field, Collection<String> values) {
    if (values == null) {
      return this;
    }
    if (values.size() > MAX_LIST_ENTRIES) {
      return add(field, "must have at most " + MAX_LIST_ENTRIES + " entries");
    }
    for (String value : values) {
      if (value == null || value.isBlank() || value.length() > MAX_LIST_ENTRY) {
        return add(
            field, "entries must be non-blank and at most " + MAX_LIST_ENTRY + " characters");
      }
    }
    return this;
  }

  public FieldErrors metadata(String field, Map<String, String> metadata) {
    if (metadata == null) {
      return this;
    }
    if (metadata.size() > MAX_METADATA_ENTRIES) {
      return add(field, "must have at most " + MAX_METADATA_ENTRIES + " entries");
    }
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      if (key == null || key.isBlank() || key.length() > MAX_METADATA_KEY) {
        return add(field, "keys must be non-blank and at most " + MAX_METADATA_KEY + " characters");
      }
      if (value == null || value.length() > MAX_METADATA_VALUE) {
        return add(
            field + "." + key, "must be a string of at most " + MAX_METADATA_VALUE + " characters");
      }
    }
    return this;
  }

  public FieldErrors limits(String field, Limits limits) {
    if (limits == null) {
      return this;
    }
    positive(field + ".requestsPerMinute", limits.requestsPerMinute());
    positive(field + ".tokensPerMinute", limits.tokensPerMinute());
    positive(field + ".maxConcurrentRequests", limits.maxConcurrentRequests());
    if (limits.budgetRef() != null
        && (limits.budgetRef().isBlank() || limits.budgetRef().length() > 100)) {
      add(field + ".budgetRef", "must be non-blank and at most 100 characters");
    }
    return this;
  }

  public FieldErrors email(String field, String value, boolean required) {
    if (value == null) {
      return required ? add(field, "is required") : this;
    }
    int at = value.indexOf('@');
    if (at < 1
        || at != value.lastIndexOf('@')
        || at == value.length() - 1
        || value.length() > 320
        || value.chars().anyMatch(Character::isWhitespace)) {
      add(field, "must be an e-mail address");
    }
    return this;
  }

  /** Parses an ISO-8601 instant that must lie in the future, or records why not. */
  public Instant futureInstant(String field, String value, Instant now) {
    if (value == null) {
      return null;
    }
    try {
      Instant instant = Instant.parse(value);
      if (!instant.isAfter(now)) {
        add(field, "must be in the future");
      }
      return instant;
    } catch (DateTimeParseException e) {
      add(field, "must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
      return null;
    }
  }

  private void positive(String field, Integer value) {
    if (value != null && value <= 0) {
      add(field, "must be a positive number");
    }
  }

  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw AdminApiException.invalid(errors);
    }
  }
}
