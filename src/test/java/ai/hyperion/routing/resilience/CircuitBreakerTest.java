package ai.hyperion.routing.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.BreakerConfig;
import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void opensAfterTheThresholdThenProbesHalfOpenAndClosesWhenTheProbesSucceed() {
    CircuitBreaker breaker = new CircuitBreaker(new BreakerConfig(3, 1.0, 10, 30, 2), clock);
    for (int i = 0; i < 2; i++) {
      assertTrue(breaker.tryAcquire());
      breaker.onFailure();
    }
    assertEquals(BreakerState.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(BreakerState.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());

    clock.advance(Duration.ofSeconds(29));
    assertFalse(breaker.tryAcquire(), "still open before open-seconds");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(BreakerState.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquire());
    assertTrue(breaker.tryAcquire());
    assertFalse(breaker.tryAcquire(), "only two probes at a time");
    breaker.onSuccess();
    assertEquals(BreakerState.HALF_OPEN, breaker.state());
    assertFalse(breaker.tryAcquire(), "the second probe is still out");
    breaker.onSuccess();
    assertEquals(BreakerState.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    assertEquals(1, breaker.snapshot().timesOpened());
  }

  @Test
  void aFailedProbeOpensAgainForAnotherFullPeriod() {
    CircuitBreaker breaker = new CircuitBreaker(new BreakerConfig(1, 1.0, 10, 10, 1), clock);
    breaker.tryAcquire();
    breaker.onFailure();
    clock.advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(BreakerState.OPEN, breaker.state());
    assertEquals(clock.instant().plusSeconds(10), breaker.snapshot().retryAt());
    clock.advance(Duration.ofSeconds(9));
    assertFalse(breaker.available());
  }

  @Test
  void opensOnTheFailureRatioOfTheWindowEvenWithoutARun() {
    CircuitBreaker breaker = new CircuitBreaker(new BreakerConfig(100, 0.5, 10, 10, 1), clock);
    for (int i = 0; i < 9; i++) {
      breaker.tryAcquire();
      if (i % 2 == 0) {
        breaker.onFailure();
      } else {
        breaker.onSuccess();
      }
    }
    assertEquals(BreakerState.CLOSED, breaker.state(), "window not full yet");
    breaker.tryAcquire();
    breaker.onSuccess();
    assertEquals(BreakerState.CLOSED, breaker.state(), "5 of 10 failed but the 10th succeeded");
    breaker.tryAcquire();
    breaker.onFailure();
    assertEquals(BreakerState.OPEN, breaker.state(), "5 of the last 10 failed");
  }

  @Test
  void neutralOutcomesNeitherOpenNorCloseButFreeTheProbe() {
    CircuitBreaker breaker = new CircuitBreaker(new BreakerConfig(1, 1.0, 10, 10, 1), clock);
    breaker.tryAcquire();
    breaker.onFailure();
    clock.advance(Duration.ofSeconds(10));
    assertTrue(breaker.tryAcquire());
    breaker.onNeutral();
    assertEquals(BreakerState.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquire(), "the probe slot came back");
  }
}
