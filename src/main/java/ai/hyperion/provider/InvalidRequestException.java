package ai.hyperion.provider;

/** The caller's request is malformed; {@code param} names the offending field (OpenAI style). */
public class InvalidRequestException extends RuntimeException {

  private final String param;

  public InvalidRequestException(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  public String param() {
    return param;
  }
}
