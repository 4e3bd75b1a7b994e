package ai.hyperion.error;

/**
 * Every failure the gateway reports to a client, with what the error shapes of all client dialects
 * need: the HTTP status, OpenAI's error type and code, the offending parameter and an optional wait
 * hint. One subtype per origin: the caller's input ({@link InvalidRequestException}), its key
 * ({@link AuthenticationException}), a rule of the gateway ({@link RequestRefusedException}) or the
 * upstream ({@link ProviderException}). Stack traces are not captured: these are answers, not bugs.
 */
public abstract sealed class GatewayException extends RuntimeException
    permits InvalidRequestException,
        AuthenticationException,
        RequestRefusedException,
        ProviderException {

  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private Long retryAfterMillis;

  protected GatewayException(
      int status, String type, String code, String param, String message, Integer retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterMillis = retryAfter == null ? null : retryAfter * 1000L;
  }

  /** The HTTP status the client gets. */
  public int status() {
    return status;
  }

  /** OpenAI's error type ({@code invalid_request_error}, {@code rate_limit_exceeded}, ...). */
  public String type() {
    return type;
  }

  public String code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** How long the client should wait before retrying, in whole seconds (rounded up), or null. */
  public Integer retryAfterSeconds() {
    return retryAfterMillis == null ? null : (int) Math.max(1, (retryAfterMillis + 999) / 1000);
  }

  /** The same wait hint with millisecond precision, or null. */
  public Long retryAfterMillis() {
    return retryAfterMillis;
  }

  /** Records a wait hint learnt after construction (an upstream's Retry-After header). */
  protected void retryAfterSeconds(Integer seconds) {
    this.retryAfterMillis = seconds == null ? null : seconds * 1000L;
  }

  /** Records a wait hint learnt after construction, in milliseconds. */
  protected void recordRetryAfterMillis(Long millis) {
    this.retryAfterMillis = millis;
  }
}
