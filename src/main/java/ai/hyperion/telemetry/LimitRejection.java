package ai.hyperion.telemetry;

import java.util.Locale;

/**
 * The labels of a 429 refusal by the gateway's policy, read from its error: {@code limit} ∈ rpm,
 * tpm, concurrency, budget and {@code level} ∈ key, user, team, org, or {@code unknown}. Only these
 * values are ever returned, so the metric's cardinality stays fixed whatever the message says.
 */
record LimitRejection(String limit, String level) {

  static LimitRejection of(String code, String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    String limit;
    if ("budget_exceeded".equals(code)) {
      limit = "budget";
    } else if (text.contains("requests per minute")) {
      limit = "rpm";
    } else if (text.contains("tokens per minute")) {
      limit = "tpm";
    } else if (text.contains("concurrent")) {
      limit = "concurrency";
    } else {
      limit = "unknown";
    }
    return new LimitRejection(limit, level(text));
  }

  private static String level(String text) {
    int at = text.indexOf(" your ");
    if (at < 0) {
      return "unknown";
    }
    String rest = text.substring(at + 6);
    if (rest.startsWith("key")) {
      return "key";
    }
    if (rest.startsWith("user")) {
      return "user";
    }
    if (rest.startsWith("team")) {
      return "team";
    }
    if (rest.startsWith("org")) {
      return "org";
    }
    return "unknown";
  }
}
