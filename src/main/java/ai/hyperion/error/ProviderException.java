package ai.hyperion.error;

import java.time.Duration;

/**
 * An upstream failure, already mapped to OpenAI's error vocabulary. {@code status} is the HTTP
 * status the gateway should answer with; {@code retryable} tells fallbacks and breakers whether
 * another attempt may succeed (connection refused, timeouts, 429, 5xx, Anthropic 529).
 */
public final class ProviderException extends GatewayException {

  /** The code of a call that never reached the upstream. */
  public static final String UNREACHABLE = "upstream_unreachable";

  private final boolean retryable;

  public ProviderException(
      int status, String type, String code, String param, String message, boolean retryable) {
    super(status, type, code, param, message, null);
    this.retryable = retryable;
  }

  /** The status-based default: 408, 409, 429 and 5xx may succeed on another attempt. */
  public static boolean retryableStatus(int upstreamStatus) {
    return upstreamStatus == 408
        || upstreamStatus == 409
        || upstreamStatus == 429
        || upstreamStatus >= 500;
  }

  /**
   * The status the client sees for an upstream status: the caller's own faults keep theirs; an
   * upstream refusing the gateway's credentials or account (401, 402, 403) is the operator's
   * problem, not the caller's, so it becomes 502; overload (503, Anthropic's 529) is 503.
   */
  public static int gatewayStatus(int upstream) {
    return switch (upstream) {
      case 400, 404, 409, 413, 422, 429 -> upstream;
      case 401, 402, 403 -> 502;
      case 408, 504 -> 504;
      case 503, 529 -> 503;
      default -> upstream >= 500 ? 502 : 400;
    };
  }

  /** OpenAI's error type for a gateway status. */
  public static String openAiType(int gatewayStatus) {
    return switch (gatewayStatus) {
      case 429 -> "rate_limit_exceeded";
      case 400, 404, 409, 413, 422 -> "invalid_request_error";
      default -> "upstream_error";
    };
  }

  public static ProviderException unreachable(String provider, Throwable cause) {
    return new ProviderException(
        502,
        "upstream_error",
        UNREACHABLE,
        null,
        "Provider '" + provider + "' could not be reached: " + describe(cause),
        true);
  }

  public static ProviderException timeout(String provider) {
    return new ProviderException(
        504,
        "upstream_error",
        "upstream_timeout",
        null,
        "Provider '" + provider + "' did not answer in time.",
        true);
  }

  /** A started stream whose upstream sent nothing for {@code idle}. */
  public static ProviderException idleTimeout(String provider, Duration idle) {
    return new ProviderException(
        504,
        "upstream_error",
        "upstream_idle_timeout",
        null,
        "Provider '" + provider + "' stopped sending the stream for " + seconds(idle) + " s.",
        true);
  }

  /**
   * A stream that reached one of its time limits other than the idle one; {@code what} says which
   * ("did not send its first event within").
   */
  public static ProviderException streamTimeout(String provider, String what, Duration limit) {
    return new ProviderException(
        504,
        "upstream_error",
        "upstream_timeout",
        null,
        "Provider '" + provider + "' " + what + " " + seconds(limit) + " s.",
        true);
  }

  /** Whole seconds as such ("300"), otherwise with their fraction ("0.25"). */
  private static String seconds(Duration limit) {
    long millis = limit.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }

  public static ProviderException truncated(String provider) {
    return new ProviderException(
        502,
        "upstream_error",
        "stream_truncated",
        null,
        "Provider '" + provider + "' ended the stream before it was complete.",
        true);
  }

  public static ProviderException malformed(String provider, String what) {
    return new ProviderException(
        502,
        "upstream_error",
        "bad_upstream_response",
        null,
        "Provider '" + provider + "' sent a response the gateway could not read: " + what,
        true);
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }

  public boolean retryable() {
    return retryable;
  }

  /**
   * Records the upstream's Retry-After in seconds; set once, by the HTTP layer, before the
   * exception is thrown.
   */
  public ProviderException retryAfter(Integer seconds) {
    retryAfterSeconds(seconds);
    return this;
  }

  /**
   * Records a wait hint in milliseconds, from a header or from the provider's error body. A null
   * hint keeps the one already known: a header, when present, wins over the body, which an error
   * reader may have read before the HTTP layer looked at the headers.
   */
  public ProviderException retryAfterMillis(Long millis) {
    if (millis != null) {
      recordRetryAfterMillis(millis);
    }
    return this;
  }
}
