package ai.hyperion.routing;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How alike two answers are, in [0, 1]: the cosine of their word unigram and bigram counts (CJK
 * characters count as words). Lexical, cheap and deterministic: good for "same answer, other words"
 * versus "different answer"; it does not judge correctness. An in-process embedding model could
 * replace it behind the same method.
 */
public final class AnswerSimilarity {

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]|[\\p{L}\\p{N}]+");

  private AnswerSimilarity() {}

  public static double of(String a, String b) {
    if (a == null || b == null) {
      return 0;
    }
    Map<String, Integer> x = terms(a);
    Map<String, Integer> y = terms(b);
    if (x.isEmpty() && y.isEmpty()) {
      return 1;
    }
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    double dot = 0;
    for (Map.Entry<String, Integer> e : x.entrySet()) {
      Integer other = y.get(e.getKey());
      if (other != null) {
        dot += (double) e.getValue() * other;
      }
    }
    double similarity = dot / (norm(x) * norm(y));
    return Math.round(Math.min(1, similarity) * 1000) / 1000.0;
  }

  private static Map<String, Integer> terms(String text) {
    Map<String, Integer> terms = new HashMap<>();
    Matcher m = TOKEN.matcher(text.toLowerCase(Locale.ROOT));
    String previous = null;
    while (m.find()) {
      String word = m.group();
      terms.merge(word, 1, Integer::sum);
      if (previous != null) {
        terms.merge(previous + ' ' + word, 1, Integer::sum);
      }
      previous = word;
    }
    return terms;
  }

  private static double norm(Map<String, Integer> v) {
    double sum = 0;
    for (int n : v.values()) {
      sum += (double) n * n;
    }
    return Math.sqrt(sum);
  }
}
