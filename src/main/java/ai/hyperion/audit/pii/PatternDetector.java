package ai.hyperion.audit.pii;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A detector made of a candidate pattern and a check of each candidate (a checksum, a structure),
 * with an optional cheap pre-test that skips texts that cannot match.
 */
final class PatternDetector implements Detector {

  private final String name;
  private final Pattern pattern;
  private final Predicate<String> valid;
  private final Predicate<String> mayContain;

  PatternDetector(
      String name, Pattern pattern, Predicate<String> valid, Predicate<String> mayContain) {
    this.name = name;
    this.pattern = pattern;
    this.valid = valid;
    this.mayContain = mayContain;
  }

  PatternDetector(String name, String regex) {
    this(name, Pattern.compile(regex), candidate -> true, text -> true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void find(String text, List<Finding> into) {
    if (!mayContain.test(text)) {
      return;
    }
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      String candidate = matcher.group();
      if (valid.test(candidate)) {
        into.add(new Finding(name, matcher.start(), matcher.end(), candidate));
      }
    }
  }
}
