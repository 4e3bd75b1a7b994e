package ai.hyperion.provider;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The single place that hides secrets in text bound for logs or clients. */
public final class Redaction {

  private static final Pattern KEYS =
      Pattern.compile(
          "(?i)(bearer\\s+|x-api-key[\"':=\\s]+|api[_-]?key[\"':=\\s]+|key=)?"
              + "\\b(sk-[A-Za-z0-9_\\-]{8,}|hk-[A-Za-z0-9_\\-]{8,}|AIza[0-9A-Za-z_\\-]{20,}|xai-"
              + "[A-Za-z0-9]{16,})");

  private Redaction() {}

  /** Keeps at most the first four characters of a secret. */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "<none>";
    }
    return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "****";
  }

  /** Masks anything that looks like an API key inside free text. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    return KEYS.matcher(text)
        .replaceAll(
            m -> {
              String prefix = m.group(1) == null ? "" : m.group(1);
              return Matcher.quoteReplacement(prefix + mask(m.group(2)));
            });
  }
}
