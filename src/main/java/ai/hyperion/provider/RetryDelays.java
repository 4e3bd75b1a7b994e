package ai.hyperion.provider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wait hints that providers put in error bodies rather than headers: Google's {@code
 * RetryInfo.retryDelay} (a protobuf Duration in JSON, {@code "34.4s"}), and the sentences of OpenAI
 * ({@code "Please try again in 1m26.604s."}, {@code "in 20ms"}) and Azure OpenAI ({@code "Please
 * retry after 20 seconds."}). Each reader returns milliseconds, or null.
 */
public final class RetryDelays {

  private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)s\\s*");
  private static final Pattern TRY_AGAIN =
      Pattern.compile(
          "try again in (?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RETRY_AFTER_SECONDS =
      Pattern.compile("retry after (\\d+(?:\\.\\d+)?) seconds?", Pattern.CASE_INSENSITIVE);

  private RetryDelays() {}

  /** A Google {@code Duration} string ({@code "34.4s"}, {@code "30s"}) in milliseconds. */
  public static Long googleDuration(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = DURATION.matcher(value);
    return m.matches() ? seconds(m.group(1)) : null;
  }

  /** The delay named in an OpenAI or Azure OpenAI error message, in milliseconds. */
  public static Long fromMessage(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = TRY_AGAIN.matcher(message);
    while (m.find()) {
      if (m.group(1) == null && m.group(2) == null && m.group(3) == null && m.group(4) == null) {
        continue;
      }
      long millis = 0;
      millis += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3_600_000L;
      millis += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60_000L;
      millis += m.group(3) == null ? 0 : seconds(m.group(3));
      millis += m.group(4) == null ? 0 : Long.parseLong(m.group(4));
      return millis;
    }
    Matcher azure = RETRY_AFTER_SECONDS.matcher(message);
    return azure.find() ? seconds(azure.group(1)) : null;
  }

  private static long seconds(String decimal) {
    return new BigDecimal(decimal)
        .movePointRight(3)
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }
}
