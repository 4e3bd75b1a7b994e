package ai.hyperion.audit.pii;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An organisation's own pattern (an employee number, a project code name). Matching runs over a
 * text that counts the characters the regex engine reads and gives up past a budget, so a pattern
 * that backtracks catastrophically costs a bounded amount of time and finds nothing rather than
 * hanging a thread.
 */
public final class CustomPattern implements Detector {

  /** Reads allowed per character of input, plus a fixed allowance. */
  static final int BUDGET_PER_CHAR = 200;

  static final int BUDGET_BASE = 100_000;
  public static final int MAX_PATTERN_LENGTH = 500;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

  private final String name;
  private final Pattern pattern;

  private CustomPattern(String name, Pattern pattern) {
    this.name = name;
    this.pattern = pattern;
  }

  /** Throws IllegalArgumentException with a message fit for the admin API when invalid. */
  public static CustomPattern of(String name, String regex) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1 to 40 lower-case letters, digits or '_', starting with a letter");
    }
    if (regex == null || regex.isEmpty() || regex.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "pattern must be 1 to " + MAX_PATTERN_LENGTH + " characters");
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "pattern is not a valid regular expression: " + e.getDescription());
    }
    if (compiled.matcher("").matches()) {
      throw new IllegalArgumentException("pattern must not match the empty string");
    }
    return new CustomPattern(name, compiled);
  }

  @Override
  public String name() {
    return "custom_" + name;
  }

  public String pattern() {
    return pattern.pattern();
  }

  @Override
  public void find(String text, List<Finding> into) {
    Budgeted budgeted = new Budgeted(text, (long) text.length() * BUDGET_PER_CHAR + BUDGET_BASE);
    Matcher matcher = pattern.matcher(budgeted);
    try {
      while (matcher.find()) {
        if (matcher.end() > matcher.start()) {
          into.add(new Finding(name(), matcher.start(), matcher.end(), matcher.group()));
        }
      }
    } catch (BudgetExceeded e) {
      // The pattern backtracks too much on this text: what it found before stands.
      return;
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("regex budget exceeded", null, false, false);
    }
  }

  /** A text that throws once the regex engine has read more characters than allowed. */
  private static final class Budgeted implements CharSequence {
    private final String text;
    private final long[] left;

    Budgeted(String text, long budget) {
      this(text, new long[] {budget});
    }

    private Budgeted(String text, long[] left) {
      this.text = text;
      this.left = left;
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.substring(start, end), left);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
