package ai.hyperion.routing;

import ai.hyperion.error.ProviderException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * What a failed upstream call says about where to go next. Until {@link ProviderException} carries
 * the upstream's own status, a key refusal is recognised as the one non-retryable 502 (see {@link
 * ProviderException#gatewayStatus}: upstream 401, 402 and 403 become 502 and are not retryable).
 */
public enum FailureKind {
  /** The request itself is wrong (400, 404, 413, 422): no retry, no fallback. */
  CALLER_ERROR,
  /** 429 on this key: cool the key, try another key or wait. */
  RATE_LIMITED,
  /** 401/402/403: take the key out, try another key. */
  KEY_REJECTED,
  /** Connection refused, timeout, 5xx, truncation: counts against the deployment's breaker. */
  UPSTREAM_FAILURE;

  public static FailureKind of(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof ProviderException p) {
      if (p.status() == 429) {
        return RATE_LIMITED;
      }
      if (p.retryable()) {
        return UPSTREAM_FAILURE;
      }
      return p.status() == 502 ? KEY_REJECTED : CALLER_ERROR;
    }
    if (cause instanceof TimeoutException) {
      return UPSTREAM_FAILURE;
    }
    return CALLER_ERROR;
  }

  static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
