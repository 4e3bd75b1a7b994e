package ai.hyperion.audit.pii;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of one request: the same value always gets the same placeholder ({@code
 * [EMAIL_1]}, {@code [CARD_2]}), numbered per detector in order of appearance, and each placeholder
 * maps back to its value. Not thread-safe: one per request, used by one thread at a time (stream
 * events arrive in order).
 */
public final class MaskSession {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z][A-Z0-9_]*_\\d+\\]");

  private final Map<String, String> placeholderByValue = new HashMap<>();
  private final Map<String, String> valueByPlaceholder = new HashMap<>();
  private final NavigableSet<String> placeholders = new TreeSet<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<String, Integer> findings = new TreeMap<>();

  /** Replaces every finding of {@code scanner} in {@code text} with its placeholder. */
  public String mask(String text, PiiScanner scanner) {
    List<Finding> found = scanner.scan(text);
    if (found.isEmpty()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int at = 0;
    for (Finding finding : found) {
      out.append(text, at, finding.start()).append(placeholder(finding));
      at = finding.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  private String placeholder(Finding finding) {
    findings.merge(finding.detector(), 1, Integer::sum);
    String key = finding.detector() + '\u0000' + finding.value();
    String existing = placeholderByValue.get(key);
    if (existing != null) {
      return existing;
    }
    int n = counters.merge(finding.detector(), 1, Integer::sum);
    String placeholder = "[" + finding.detector().toUpperCase(Locale.ROOT) + "_" + n + "]";
    placeholderByValue.put(key, placeholder);
    valueByPlaceholder.put(placeholder, finding.value());
    placeholders.add(placeholder);
    return placeholder;
  }

  /** Puts the original values back for every placeholder of this session in {@code text}. */
  public String restore(String text) {
    if (text == null || valueByPlaceholder.isEmpty() || text.indexOf('[') < 0) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = null;
    int at = 0;
    while (matcher.find()) {
      String value = valueByPlaceholder.get(matcher.group());
      if (value != null) {
        if (out == null) {
          out = new StringBuilder(text.length() + 32);
        }
        out.append(text, at, matcher.start()).append(value);
        at = matcher.end();
      }
    }
    return out == null ? text : out.append(text, at, text.length()).toString();
  }

  /** Whether {@code tail} (starting with '[') could still grow into one of the placeholders. */
  boolean couldBecomePlaceholder(String tail) {
    String next = placeholders.ceiling(tail);
    return next != null && next.length() > tail.length() && next.startsWith(tail);
  }

  public boolean isEmpty() {
    return valueByPlaceholder.isEmpty();
  }

  /** Placeholder → original value. */
  public Map<String, String> placeholders() {
    return Collections.unmodifiableMap(valueByPlaceholder);
  }

  /** How many findings each detector made (every occurrence, repeats included). */
  public Map<String, Integer> findings() {
    return Collections.unmodifiableMap(findings);
  }
}
