package ai.hyperion.provider;

/** A credential that never shows itself in logs or {@code toString()}. */
public record Secret(String value) {

  public boolean isBlank() {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return Redaction.mask(value);
  }
}
