package ai.hyperion.routing.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how much of its rate limit a key has left from an upstream's answer headers: OpenAI's
 * {@code x-ratelimit-remaining-requests|tokens} over {@code x-ratelimit-limit-*}, Anthropic's
 * {@code anthropic-ratelimit-requests|tokens-remaining} over {@code ...-limit}. The headroom is the
 * tighter of the two fractions; {@code reset} is OpenAI's {@code x-ratelimit-reset-*} ("6m0s",
 * "1.5s", "20ms") for the exhausted limit.
 */
public final class RateLimitHeaders {

  /** The remaining fraction in [0, 1], and how long until an exhausted limit resets. */
  public record Headroom(double fraction, Duration resetIn) {}

  private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private RateLimitHeaders() {}

  public static Optional<Headroom> read(Function<String, Optional<String>> headers) {
    double requests =
        fraction(headers, "x-ratelimit-remaining-requests", "x-ratelimit-limit-requests")
            .orElse(
                fraction(
                        headers,
                        "anthropic-ratelimit-requests-remaining",
                        "anthropic-ratelimit-requests-limit")
                    .orElse(Double.NaN));
    double tokens =
        fraction(headers, "x-ratelimit-remaining-tokens", "x-ratelimit-limit-tokens")
            .orElse(
                fraction(
                        headers,
                        "anthropic-ratelimit-tokens-remaining",
                        "anthropic-ratelimit-tokens-limit")
                    .orElse(Double.NaN));
    if (Double.isNaN(requests) && Double.isNaN(tokens)) {
      return Optional.empty();
    }
    double fraction =
        Double.isNaN(requests)
            ? tokens
            : Double.isNaN(tokens) ? requests : Math.min(requests, tokens);
    Duration reset = null;
    if (fraction <= 0) {
      String which = requests <= 0 ? "requests" : "tokens";
      reset =
          headers
              .apply("x-ratelimit-reset-" + which)
              .map(RateLimitHeaders::goDuration)
              .orElse(null);
    }
    return Optional.of(new Headroom(Math.max(0, Math.min(1, fraction)), reset));
  }

  private static OptionalDouble fraction(
      Function<String, Optional<String>> headers, String remaining, String limit) {
    Optional<String> r = headers.apply(remaining);
    Optional<String> l = headers.apply(limit);
    if (r.isEmpty() || l.isEmpty()) {
      return OptionalDouble.empty();
    }
    try {
      double max = Double.parseDouble(l.get().trim());
      return max <= 0
          ? OptionalDouble.empty()
          : OptionalDouble.of(Double.parseDouble(r.get().trim()) / max);
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** Go's duration format as OpenAI sends it; null when unreadable. */
  static Duration goDuration(String text) {
    Matcher m = GO_DURATION.matcher(text.trim());
    double millis = 0;
    boolean any = false;
    while (m.find()) {
      any = true;
      double n = Double.parseDouble(m.group(1));
      millis +=
          switch (m.group(2)) {
            case "h" -> n * 3_600_000;
            case "m" -> n * 60_000;
            case "s" -> n * 1000;
            default -> n;
          };
    }
    return any ? Duration.ofMillis((long) Math.ceil(millis)) : null;
  }
}
