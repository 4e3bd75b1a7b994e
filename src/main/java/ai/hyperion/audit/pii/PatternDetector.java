package ai.hyperion.audit.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a pattern, the positions where a match may start (an {@link Anchor}: a cheap
 * test of one or two characters) and a check of each match (a checksum, a structure). The pattern
 * is only tried at anchors, so scanning prose costs a loop over its characters plus a few regex
 * attempts, not a regex attempt at every position. Its look-behinds see the text before the anchor.
 */
final class PatternDetector implements Detector {

  /** Whether a match may start at {@code i}. */
  @FunctionalInterface
  interface Anchor {
    boolean at(String text, int i);
  }

  private final String name;
  private final Pattern pattern;
  private final Predicate<String> valid;
  private final Anchor anchor;
  private final ToIntFunction<String> firstCandidate;

  /**
   * @param firstCandidate the first index worth looking at (found with a fast {@code indexOf}), or
   *     -1 when the text cannot hold a match
   */
  PatternDetector(
      String name,
      Pattern pattern,
      Predicate<String> valid,
      Anchor anchor,
      ToIntFunction<String> firstCandidate) {
    this.name = name;
    this.pattern = pattern;
    this.valid = valid;
    this.anchor = anchor;
    this.firstCandidate = firstCandidate;
  }

  PatternDetector(String name, Pattern pattern, Predicate<String> valid, Anchor anchor) {
    this(name, pattern, valid, anchor, text -> 0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void find(String text, List<Finding> into) {
    int first = firstCandidate.applyAsInt(text);
    if (first < 0) {
      return;
    }
    Matcher matcher = null;
    int n = text.length();
    for (int i = first; i < n; i++) {
      if (!anchor.at(text, i)) {
        continue;
      }
      if (matcher == null) {
        matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
      }
      matcher.region(i, n);
      if (matcher.lookingAt() && matcher.end() > i) {
        String candidate = matcher.group();
        if (valid.test(candidate)) {
          into.add(new Finding(name, i, matcher.end(), candidate));
          i = matcher.end() - 1;
        }
      }
    }
  }

  /** The first digit, or -1. */
  static int firstDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (digit(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean upper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean alnum(char c) {
    return digit(c) || upper(c) || c >= 'a' && c <= 'z';
  }

  static boolean hex(char c) {
    return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** The character before {@code i}, or a space at the start. */
  static char before(String text, int i) {
    return i == 0 ? ' ' : text.charAt(i - 1);
  }
}
