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

  /** OpenAI's (Go's) duration style: "850ms", "12.5s", "1m0s". */
  static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = trim(rest / 1000 + "." + String.format("%03d", rest % 1000));
    return minutes == 0 ? seconds + "s" : minutes + "m" + seconds + "s";
  }

  private static String trim(String decimal) {
    String out = decimal.replaceAll("0+$", "");
    return out.endsWith(".") ? out.substring(0, out.length() - 1) : out;
  }
}
