package ai.hyperion.provider;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The single place that hides secrets in text bound for logs or clients. */
public final class Redaction {

  private static final Pattern KEYS =
      Pattern.compile(
          "(?i)(bearer\\s+|x-api-key[\"':=\\s]+|api[_-]?key[\"':=\\s]+|key=)?"
              + "\\b(sk-[A-Za-z0-9_\\-]{8,}|hk-[A-Za-z0-9_\\-]{8,}|AIza[0-9A-Za-z_\\-]{20,}|xai-"
              + "[A-Za-z0-9]{16,})");

  /**
   * What an upstream's error text may say about the operator's account, replaced before a tenant
   * sees it: masked key fragments ({@code sk-proj-****abcd}), OpenAI organisation and project ids,
   * AWS ARNs, Google service accounts and {@code projects/...} paths, and long numbers (AWS account
   * ids, GCP project numbers). The operator's log keeps the full text.
   */
  private static final List<Map.Entry<Pattern, String>> ACCOUNT_DETAILS =
      List.of(
          Map.entry(Pattern.compile("\\b[A-Za-z][\\w\\-]*\\*{3,}[\\w\\-]*"), "****"),
          Map.entry(Pattern.compile("\\*{3,}[\\w\\-]+"), "****"),
          Map.entry(Pattern.compile("\\borg-[A-Za-z0-9]{6,}\\b"), "org-****"),
          Map.entry(Pattern.compile("\\bproj_[A-Za-z0-9]{4,}\\b"), "proj_****"),
          Map.entry(Pattern.compile("\\barn:aws[\\w\\-]*:[^\\s\"',;]+"), "arn:****"),
          Map.entry(
              Pattern.compile("[\\w.+\\-]+@[\\w\\-]+\\.iam\\.gserviceaccount\\.com"),
              "****@****.iam.gserviceaccount.com"),
          Map.entry(Pattern.compile("\\bprojects/[^/\\s\"',;]+"), "projects/****"),
          Map.entry(Pattern.compile("\\b\\d{9,}\\b"), "****"));

  private Redaction() {}

  /** Keeps at most the first four characters of a secret. */
  public static String mask(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "<none>";
    }
    return secret.length() <= 8 ? "****" : secret.substring(0, 4) + "****";
  }

  /**
   * An upstream's error text as a tenant may see it: keys masked and the operator's account details
   * ({@link #ACCOUNT_DETAILS}) replaced.
   */
  public static String forTenant(String text) {
    String out = redact(text);
    if (out == null) {
      return null;
    }
    for (Map.Entry<Pattern, String> detail : ACCOUNT_DETAILS) {
      out = detail.getKey().matcher(out).replaceAll(Matcher.quoteReplacement(detail.getValue()));
    }
    return out;
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
