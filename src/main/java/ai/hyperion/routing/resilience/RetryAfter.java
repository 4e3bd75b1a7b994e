package ai.hyperion.routing.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads an upstream's wait hint from its response headers: OpenAI's {@code retry-after-ms} first
 * (millisecond precision), then {@code Retry-After} as seconds or as an HTTP date. Headers are
 * looked up by lower-case name ({@code HttpHeaders::firstValue} fits).
 */
public final class RetryAfter {

  private RetryAfter() {}

  public static Optional<Duration> from(Function<String, Optional<String>> headers, Clock clock) {
    Optional<String> millis = headers.apply("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(
            Duration.ofMillis(Math.max(0, (long) Math.ceil(Double.parseDouble(millis.get())))));
      } catch (NumberFormatException ignored) {
        // fall through to Retry-After
      }
    }
    Optional<String> value = headers.apply("retry-after");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().trim();
    try {
      return Optional.of(
          Duration.ofMillis(Math.max(0, (long) Math.ceil(Double.parseDouble(text) * 1000))));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }
}
