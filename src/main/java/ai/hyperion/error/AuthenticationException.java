package ai.hyperion.error;

/** The caller's key is missing, unknown, revoked or expired: always HTTP 401. */
public final class AuthenticationException extends GatewayException {

  public AuthenticationException(String code, String message) {
    super(401, "invalid_request_error", code, null, message, null);
  }
}
