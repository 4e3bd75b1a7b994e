package ai.hyperion.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}} for the tightest level
 * (the one with the least left), each pair absent when no level limits that dimension.
 */
public record RateLimitHeaders(Window requests, Window tokens) {

  public static final RateLimitHeaders NONE = new RateLimitHeaders(null, null);

  /** One dimension's limit, what is left of it, and when the window starts again. */
  public record Window(long limit, long remaining, Duration reset) {}

  /** The header names and values, in a stable order. */
  public Map<String, String> asMap() {
    Map<String, String> headers = new LinkedHashMap<>();
    put(headers, "requests", requests);
    put(headers, "tokens", tokens);
    return Collections.unmodifiableMap(headers);
  }

  private static void put(Map<String, String> headers, String what, Window window) {
    if (window == null) {
      return;
    }
    headers.put("x-ratelimit-limit-" + what, Long.toString(window.limit()));
    headers.put("x-ratelimit-remaining-" + what, Long.toString(Math.max(0, window.remaining())));
    headers.put("x-ratelimit-reset-" + what, format(window.reset()));
  }

  /**
   * OpenAI's (Go's) duration style: "850ms", "12.5s", "1m0s". Built by hand: it is on every limited
   * answer, and String.format with a regex trim allocated ~4 % of a request's bytes.
   */
  static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + "ms";
    }
    StringBuilder out = new StringBuilder(16);
    long minutes = millis / 60_000;
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    long rest = millis % 60_000;
    out.append(rest / 1000);
    int fraction = (int) (rest % 1000);
    if (fraction != 0) {
      // Three digits without the trailing zeros: 500 → ".5", 50 → ".05", 105 → ".105".
      out.append('.').append(fraction / 100);
      if (fraction % 100 != 0) {
        out.append(fraction / 10 % 10);
        if (fraction % 10 != 0) {
          out.append(fraction % 10);
        }
      }
    }
    return out.append('s').toString();
  }
}
