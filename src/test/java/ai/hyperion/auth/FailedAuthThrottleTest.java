package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Security review 2026-11-30, M10 (issue 8): failed authentications throttled per address. */
class FailedAuthThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final FailedAuthThrottle throttle =
      new FailedAuthThrottle(5, Duration.ofMinutes(1), clock);

  @Test
  void anAddressIsRefusedAfterTooManyFailuresUntilTheWindowEnds() {
    for (int i = 0; i < 5; i++) {
      assertTrue(throttle.retryAfterSeconds("198.51.100.7").isEmpty());
      throttle.failed("198.51.100.7");
    }
    assertEquals(60, throttle.retryAfterSeconds("198.51.100.7").orElseThrow());
    assertTrue(throttle.retryAfterSeconds("198.51.100.8").isEmpty(), "other addresses unaffected");

    clock.advance(Duration.ofSeconds(45));
    assertEquals(15, throttle.retryAfterSeconds("198.51.100.7").orElseThrow());
    clock.advance(Duration.ofSeconds(15));
    assertTrue(throttle.retryAfterSeconds("198.51.100.7").isEmpty());
    throttle.failed("198.51.100.7");
    assertTrue(throttle.retryAfterSeconds("198.51.100.7").isEmpty(), "a new window starts");
  }
}
