package ai.hyperion.routing.resilience;

import ai.hyperion.config.BreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The circuit breaker of one deployment: CLOSED → OPEN after {@code failureThreshold} failures in a
 * row or a failure ratio of at least {@code failureRatio} over the last {@code window} calls; OPEN
 * refuses calls for {@code openSeconds}; then HALF_OPEN admits at most {@code halfOpenProbes}
 * calls, closing when they all succeed and opening again at the first failure.
 *
 * <p>Built per deployment from gateway.yaml at run time, which MicroProfile Fault Tolerance's
 * {@code @CircuitBreaker} (one breaker per annotated method, settings fixed at deployment) does not
 * express. State is guarded by this object's monitor: a handful of field updates per call.
 */
public final class CircuitBreaker {

  /** What the admin API and metrics show. */
  public record Snapshot(
      BreakerState state,
      int consecutiveFailures,
      int recentCalls,
      int recentFailures,
      long timesOpened,
      Instant openedAt,
      Instant retryAt) {}

  private final BreakerConfig settings;
  private final Clock clock;
  private final boolean[] outcomes;
  private BreakerState state = BreakerState.CLOSED;
  private int consecutiveFailures;
  private int recorded;
  private int next;
  private int failuresInWindow;
  private Instant openedAt;
  private int probesInFlight;
  private int probeSuccesses;
  private long timesOpened;

  public CircuitBreaker(BreakerConfig settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.outcomes = new boolean[settings.window()];
  }

  /**
   * Whether a call may go out now; in HALF_OPEN this takes one of the probe slots, which the call's
   * outcome ({@link #onSuccess}, {@link #onFailure}, {@link #onNeutral}) gives back.
   */
  public synchronized boolean tryAcquire() {
    advance();
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (probesInFlight + probeSuccesses >= settings.halfOpenProbes()) {
          yield false;
        }
        probesInFlight++;
        yield true;
      }
    };
  }

  /** Whether {@link #tryAcquire()} would admit a call now, without taking a probe slot. */
  public synchronized boolean available() {
    advance();
    return state == BreakerState.CLOSED
        || state == BreakerState.HALF_OPEN
            && probesInFlight + probeSuccesses < settings.halfOpenProbes();
  }

  public synchronized void onSuccess() {
    if (state == BreakerState.HALF_OPEN) {
      probesInFlight = Math.max(0, probesInFlight - 1);
      if (++probeSuccesses >= settings.halfOpenProbes()) {
        close();
      }
      return;
    }
    consecutiveFailures = 0;
    record(false);
  }

  public synchronized void onFailure() {
    if (state == BreakerState.HALF_OPEN) {
      open();
      return;
    }
    if (state == BreakerState.OPEN) {
      return;
    }
    consecutiveFailures++;
    record(true);
    if (consecutiveFailures >= settings.failureThreshold()
        || recorded >= outcomes.length
            && failuresInWindow >= settings.failureRatio() * outcomes.length) {
      open();
    }
  }

  /** A call that says nothing about the deployment's health (a caller error, a key rate limit). */
  public synchronized void onNeutral() {
    if (state == BreakerState.HALF_OPEN) {
      probesInFlight = Math.max(0, probesInFlight - 1);
    }
  }

  public synchronized BreakerState state() {
    advance();
    return state;
  }

  public synchronized Snapshot snapshot() {
    advance();
    return new Snapshot(
        state,
        consecutiveFailures,
        Math.min(recorded, outcomes.length),
        failuresInWindow,
        timesOpened,
        openedAt,
        state == BreakerState.OPEN ? openedAt.plus(openDuration()) : null);
  }

  /** Closes the breaker by hand (admin reset). */
  public synchronized void reset() {
    close();
  }

  private void advance() {
    if (state == BreakerState.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration()))) {
      state = BreakerState.HALF_OPEN;
      probesInFlight = 0;
      probeSuccesses = 0;
    }
  }

  private Duration openDuration() {
    return Duration.ofSeconds(settings.openSeconds());
  }

  private void open() {
    state = BreakerState.OPEN;
    openedAt = clock.instant();
    timesOpened++;
  }

  private void close() {
    state = BreakerState.CLOSED;
    consecutiveFailures = 0;
    recorded = 0;
    next = 0;
    failuresInWindow = 0;
    probesInFlight = 0;
    probeSuccesses = 0;
    Arrays.fill(outcomes, false);
  }

  private void record(boolean failure) {
    if (recorded >= outcomes.length && outcomes[next]) {
      failuresInWindow--;
    }
    outcomes[next] = failure;
    if (failure) {
      failuresInWindow++;
    }
    next = (next + 1) % outcomes.length;
    recorded = Math.min(recorded + 1, outcomes.length);
  }
}
