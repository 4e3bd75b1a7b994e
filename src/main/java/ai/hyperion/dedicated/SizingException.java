package ai.hyperion.dedicated;

/** A model cannot be placed on any hardware of the catalog, or its size cannot be told. */
public class SizingException extends RuntimeException {

  private final String field;

  public SizingException(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  /** The request field the problem is about (model, contextLength, hardware, ...). */
  public String field() {
    return field;
  }
}
