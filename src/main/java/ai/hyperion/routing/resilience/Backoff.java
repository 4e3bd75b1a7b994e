package ai.hyperion.routing.resilience;

import ai.hyperion.config.RetryConfig;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retry number n of a call: the upstream's {@code Retry-After} when it gave
 * one (never less; a wait longer than {@code maxRetryAfterSeconds} means "do not retry here"),
 * otherwise exponential from {@code initialBackoffMs}, capped at {@code maxBackoffMs}, with equal
 * jitter (half fixed, half random) so that callers failing together do not retry together.
 */
public final class Backoff {

  private final RetryConfig settings;
  private final DoubleSupplier random;

  public Backoff(RetryConfig settings) {
    this(settings, () -> ThreadLocalRandom.current().nextDouble());
  }

  public Backoff(RetryConfig settings, DoubleSupplier random) {
    this.settings = settings;
    this.random = random;
  }

  public int maxRetries() {
    return settings.maxRetries();
  }

  /**
   * The wait before retry {@code retry} (1 for the first), or empty when no retry should be made:
   * the budget is spent, or the upstream asked for a longer wait than the gateway holds a request.
   */
  public Optional<Duration> delay(int retry, Duration retryAfter) {
    if (retry < 1 || retry > settings.maxRetries()) {
      return Optional.empty();
    }
    if (retryAfter != null) {
      if (retryAfter.compareTo(Duration.ofSeconds(settings.maxRetryAfterSeconds())) > 0) {
        return Optional.empty();
      }
      // A little jitter on top, never below what the upstream asked for.
      return Optional.of(retryAfter.plusMillis((long) (random.getAsDouble() * 100)));
    }
    long base =
        Math.min(
            settings.maxBackoffMs(), (long) settings.initialBackoffMs() << Math.min(20, retry - 1));
    return Optional.of(Duration.ofMillis(base / 2 + (long) (random.getAsDouble() * (base / 2.0))));
  }
}
