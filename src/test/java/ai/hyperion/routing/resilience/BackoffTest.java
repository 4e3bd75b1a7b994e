package ai.hyperion.routing.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.RetryConfig;
import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void exponentialWithEqualJitterCappedAndBoundedByMaxRetries() {
    RetryConfig settings = new RetryConfig(3, 100, 250, 5, null);
    Backoff low = new Backoff(settings, () -> 0.0);
    Backoff high = new Backoff(settings, () -> 0.999);
    assertEquals(Duration.ofMillis(50), low.delay(1, null).orElseThrow());
    assertEquals(Duration.ofMillis(99), high.delay(1, null).orElseThrow());
    assertEquals(Duration.ofMillis(100), low.delay(2, null).orElseThrow());
    assertEquals(Duration.ofMillis(125), low.delay(3, null).orElseThrow(), "capped at 250");
    assertTrue(low.delay(4, null).isEmpty(), "only three retries");
  }

  @Test
  void retryAfterIsHonouredAndATooLongWaitMeansNoRetry() {
    Backoff backoff = new Backoff(new RetryConfig(2, 100, 1000, 5, null), () -> 0.5);
    Duration wait = backoff.delay(1, Duration.ofMillis(1500)).orElseThrow();
    assertTrue(wait.toMillis() >= 1500 && wait.toMillis() <= 1600, wait.toString());
    assertTrue(backoff.delay(1, Duration.ofSeconds(6)).isEmpty());
  }

  @Test
  void retryAfterIsReadFromMillisecondsSecondsOrAnHttpDate() {
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    assertEquals(
        Optional.of(Duration.ofMillis(1200)),
        RetryAfter.from(
            h -> Optional.ofNullable(Map.of("retry-after-ms", "1200", "retry-after", "9").get(h)),
            clock));
    assertEquals(
        Optional.of(Duration.ofMillis(2500)),
        RetryAfter.from(h -> Optional.ofNullable(Map.of("retry-after", "2.5").get(h)), clock));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        RetryAfter.from(
            h -> Optional.ofNullable(Map.of("retry-after", "Tue, 01 Jan 2030 00:00:30 GMT").get(h)),
            clock));
    assertEquals(Optional.empty(), RetryAfter.from(h -> Optional.empty(), clock));
  }

  @Test
  void rateLimitHeadersGiveTheTighterHeadroomAndTheResetOfAnExhaustedLimit() {
    var headroom =
        RateLimitHeaders.read(
                h ->
                    Optional.ofNullable(
                        Map.of(
                                "x-ratelimit-limit-requests", "100",
                                "x-ratelimit-remaining-requests", "80",
                                "x-ratelimit-limit-tokens", "1000",
                                "x-ratelimit-remaining-tokens", "0",
                                "x-ratelimit-reset-tokens", "1m30s")
                            .get(h)))
            .orElseThrow();
    assertEquals(0.0, headroom.fraction());
    assertEquals(Duration.ofSeconds(90), headroom.resetIn());
    assertEquals(Duration.ofMillis(20), RateLimitHeaders.goDuration("20ms"));
  }
}
