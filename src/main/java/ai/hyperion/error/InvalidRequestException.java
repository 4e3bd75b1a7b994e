package ai.hyperion.error;

/** The caller's request is malformed; {@code param} names the offending field (OpenAI style). */
public final class InvalidRequestException extends GatewayException {

  public InvalidRequestException(String param, String message) {
    super(400, "invalid_request_error", "invalid_request", param, message, null);
  }
}
