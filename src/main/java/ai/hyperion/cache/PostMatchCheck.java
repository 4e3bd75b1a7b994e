package ai.hyperion.cache;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The check after a semantic match. Sentence embeddings place "What is 15% of 80?" and "What is 15%
 * of 90?" (or "... in Paris" and "... in Rome", "Can dogs eat grapes?" and "Why can't dogs eat
 * grapes?") almost on top of each other, so a similarity threshold alone cannot reach high
 * precision. A candidate found by similarity is accepted only if both prompts agree on:
 *
 * <ul>
 *   <li><b>numbers</b> (digits, number words and ordinals: "three" = "3" = "3rd"; "1,000" =
 *       "1000"),
 *   <li><b>quantities and units</b> ("10 miles to km" differs from "10 km to miles"),
 *   <li><b>negations</b> (how many of not, no, never, without, n't, ... each has),
 *   <li><b>quoted strings</b> ("...", `...`, '...'),
 *   <li><b>names</b>: every capitalised word that does not start a sentence, and every acronym, of
 *       each prompt must occur in the other (case-insensitively, so lower-case typing still
 *       matches),
 *   <li><b>code identifiers</b> (camelCase, snake_case, dotted or {@code ::} paths, calls with
 *       {@code ()}, {@code --flags}), exactly,
 *   <li><b>language</b> (by function words; and the writing system),
 *   <li><b>a swapped topic word</b>: when, after dropping function words, each prompt has exactly
 *       one content word the other lacks ("boiling point" / "freezing point"), the prompts ask
 *       about different things. Real paraphrases reword more than one word or only add words.
 * </ul>
 *
 * <p>Cost: one regular-expression pass per prompt, microseconds. It trades recall for precision: a
 * paraphrase that spells a name differently ("NYC" / "New York City") or swaps exactly one word for
 * a synonym ("sea" / "ocean") is a miss, which only costs an upstream call.
 */
public final class PostMatchCheck {

  private PostMatchCheck() {}

  /** Empty when the cached prompt may answer the new one, else the first disagreement. */
  public static Optional<String> disagreement(String cached, String incoming) {
    return disagreement(PromptFeatures.of(cached), PromptFeatures.of(incoming));
  }

  static Optional<String> disagreement(PromptFeatures a, PromptFeatures b) {
    if (!a.numbers().equals(b.numbers())) {
      return Optional.of("numbers");
    }
    if (!a.quantities().equals(b.quantities()) || !a.units().equals(b.units())) {
      return Optional.of("units");
    }
    if (a.negations() != b.negations()) {
      return Optional.of("negation");
    }
    if (!a.quoted().equals(b.quoted())) {
      return Optional.of("quoted");
    }
    if (!b.words().containsAll(a.names()) || !a.words().containsAll(b.names())) {
      return Optional.of("names");
    }
    if (!a.identifiers().equals(b.identifiers())) {
      return Optional.of("identifiers");
    }
    if (!a.script().equals(b.script())
        || (a.language() != null && b.language() != null && !a.language().equals(b.language()))) {
      return Optional.of("language");
    }
    if (swappedOneWord(a, b)) {
      return Optional.of("topic");
    }
    return Optional.empty();
  }

  private static boolean swappedOneWord(PromptFeatures a, PromptFeatures b) {
    Set<String> onlyA = new HashSet<>(a.contentWords());
    onlyA.removeAll(b.contentWords());
    Set<String> onlyB = new HashSet<>(b.contentWords());
    onlyB.removeAll(a.contentWords());
    return onlyA.size() == 1 && onlyB.size() == 1;
  }
}
