package ai.hyperion.config;

/**
 * Retries of one upstream call on the same model (before a fallback model is tried): at most {@code
 * maxRetries} more calls, waiting an exponential, jittered backoff from {@code initialBackoffMs} up
 * to {@code maxBackoffMs}, or what the upstream asked for in {@code Retry-After} when that is at
 * most {@code maxRetryAfterSeconds} (longer waits go to the next model at once). With {@code
 * unreachableOnly}, only a call that never reached the upstream (connection refused) is retried.
 */
public record RetryConfig(
    Integer maxRetries,
    Integer initialBackoffMs,
    Integer maxBackoffMs,
    Integer maxRetryAfterSeconds,
    Boolean unreachableOnly) {

  public static final RetryConfig DEFAULT = new RetryConfig(null, null, null, null, null);

  public RetryConfig {
    maxRetries = maxRetries == null ? 1 : maxRetries;
    initialBackoffMs = initialBackoffMs == null ? 200 : initialBackoffMs;
    maxBackoffMs = maxBackoffMs == null ? 2000 : maxBackoffMs;
    maxRetryAfterSeconds = maxRetryAfterSeconds == null ? 5 : maxRetryAfterSeconds;
    unreachableOnly = unreachableOnly != null && unreachableOnly;
  }
}
