package ai.hyperion.pipeline;

import ai.hyperion.error.GatewayException;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Redaction;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How a failure is reported to a client, whatever its dialect: the one mapping from failures to
 * statuses and error types. Anything that is not a {@link GatewayException} is a bug of the
 * gateway: a 500 {@code internal_error} that says nothing about the cause (the cause is logged, see
 * {@link #internal()}).
 */
public record GatewayError(
    int status,
    String type,
    String code,
    String param,
    String message,
    Integer retryAfter,
    Long retryAfterMillis) {

  /** An error whose wait hint, if any, is in whole seconds. */
  public GatewayError(
      int status, String type, String code, String param, String message, Integer retryAfter) {
    this(status, type, code, param, message, retryAfter, null);
  }

  public static final String INTERNAL_ERROR = "internal_error";

  public static GatewayError of(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ProviderException p) {
      return new GatewayError(
          p.status(),
          p.type(),
          p.code(),
          p.param(),
          Redaction.forTenant(p.getMessage()),
          p.retryAfterSeconds() != null ? p.retryAfterSeconds() : defaultRetryAfter(p.status()),
          p.retryAfterMillis());
    }
    if (t instanceof GatewayException g) {
      return new GatewayError(
          g.status(),
          g.type(),
          g.code(),
          g.param(),
          g.getMessage(),
          g.retryAfterSeconds(),
          g.retryAfterMillis());
    }
    return new GatewayError(
        500,
        "server_error",
        INTERNAL_ERROR,
        null,
        "The gateway failed to handle the request. Quote the x-hyperion-request-id header when"
            + " reporting it.",
        null);
  }

  /**
   * An upstream that is rate limited or overloaded without saying for how long still deserves a
   * pause: without a hint, SDKs retry at once and hit the same wall.
   */
  private static Integer defaultRetryAfter(int status) {
    return status == 429 || status == 503 ? 1 : null;
  }

  /** The failure itself, without the wrappers that completion stages add. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Whether this reports a bug of the gateway rather than a refusal or an upstream failure. */
  public boolean internal() {
    return INTERNAL_ERROR.equals(code);
  }
}
