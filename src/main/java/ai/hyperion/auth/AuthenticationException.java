package ai.hyperion.auth;

/** The caller's key is missing, unknown, revoked or expired: always HTTP 401. */
public class AuthenticationException extends RuntimeException {

  private final String code;

  public AuthenticationException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
