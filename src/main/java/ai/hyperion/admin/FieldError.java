package ai.hyperion.admin;

/** One invalid field of an admin request: its JSON name and what is wrong with it. */
public record FieldError(String field, String message) {}
