package ai.hyperion.cache;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a prompt that an embedding blurs but that decide the answer: numbers (digits and
 * number words), quantities (a number with its unit), units, negations, quoted strings, names, code
 * identifiers, the language and the content words. Extracted with regular expressions and word
 * lists: cheap (microseconds), deterministic, no model. {@link PostMatchCheck} compares them.
 */
record PromptFeatures(
    Set<String> numbers,
    Set<String> quantities,
    Set<String> units,
    int negations,
    Set<String> quoted,
    Set<String> names,
    Set<String> identifiers,
    String language,
    String script,
    Set<String> words,
    List<String> contentWords) {

  private static final Pattern QUOTED =
      Pattern.compile(
          "\"([^\"]{1,200})\"|“([^”]{1,200})”|`([^`]{1,200})`|(?<![\\w])'([^']{1,200})'(?![\\w])");
  private static final Pattern TOKEN =
      Pattern.compile(
          "--?[A-Za-z][\\w-]*|[\\p{L}\\p{N}_$%€£¥]+(?:[.:/'’-][\\p{L}\\p{N}_]+|,\\d{3}(?!\\d))*"
              + "(?:\\(\\))?");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final Pattern ORDINAL = Pattern.compile("(\\d+)(?:st|nd|rd|th)");
  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "--?[A-Za-z][\\w-]*|.*[a-z][A-Z].*|.*_.*|.*\\(\\)|[\\w$]+(?:[.:]{1,2}[\\w$]+)+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?;:]\\s+");

  static PromptFeatures of(String text) {
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).replace('’', '\'');
    Set<String> quoted = new TreeSet<>();
    Matcher q = QUOTED.matcher(normalised);
    while (q.find()) {
      for (int g = 1; g <= q.groupCount(); g++) {
        if (q.group(g) != null) {
          quoted.add(q.group(g).trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> tokens = new ArrayList<>();
    List<Boolean> sentenceStart = new ArrayList<>();
    for (String sentence : SENTENCE_END.split(normalised)) {
      Matcher m = TOKEN.matcher(sentence);
      boolean first = true;
      while (m.find()) {
        String token = m.group();
        // A trailing full stop of an abbreviation-free sentence is not part of the word.
        if (token.endsWith(".")) {
          token = token.substring(0, token.length() - 1);
        }
        // "London's weather" names London.
        if (token.endsWith("'s") && token.length() > 3) {
          token = token.substring(0, token.length() - 2);
        }
        tokens.add(token);
        sentenceStart.add(first);
        first = false;
      }
    }
    Set<String> numbers = new TreeSet<>();
    Set<String> quantities = new TreeSet<>();
    Set<String> units = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    Set<String> identifiers = new TreeSet<>();
    Set<String> words = new HashSet<>();
    List<String> content = new ArrayList<>();
    int negations = 0;
    Map<String, Integer> languageHits = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String lower = token.toLowerCase(Locale.ROOT);
      words.add(lower);
      for (Map.Entry<String, Set<String>> language : PromptVocabulary.LANGUAGE_WORDS.entrySet()) {
        if (language.getValue().contains(lower)) {
          languageHits.merge(language.getKey(), 1, Integer::sum);
        }
      }
      if (PromptVocabulary.NEGATIONS.contains(lower) || lower.endsWith("n't")) {
        negations++;
      }
      if (IDENTIFIER.matcher(token).matches() && !NUMBER.matcher(token).matches()) {
        identifiers.add(token);
      }
      String number = number(token, lower);
      if (number != null) {
        numbers.add(number);
        String unit = unitAfter(tokens, i, lower);
        if (unit != null) {
          quantities.add(number + " " + unit);
        }
        continue;
      }
      String unit =
          PromptVocabulary.AFTER_NUMBER_ONLY.contains(lower)
              ? null
              : PromptVocabulary.UNITS.get(lower);
      if (unit != null) {
        units.add(unit);
        continue;
      }
      if (isName(token, sentenceStart.get(i))) {
        names.add(lower);
      }
      if (!PromptVocabulary.STOPWORDS.contains(lower)
          && !PromptVocabulary.NEGATIONS.contains(lower)
          && !lower.endsWith("n't")) {
        content.add(stem(lower));
      }
    }
    String language =
        languageHits.entrySet().stream()
            .filter(e -> e.getValue() >= 2)
            .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
            .map(Map.Entry::getKey)
            .orElse(null);
    return new PromptFeatures(
        numbers,
        quantities,
        units,
        negations,
        quoted,
        names,
        identifiers,
        language,
        script(normalised),
        words,
        content);
  }

  private static String number(String token, String lower) {
    String word = PromptVocabulary.NUMBER_WORDS.get(lower);
    if (word != null) {
      return word;
    }
    Matcher ordinal = ORDINAL.matcher(lower);
    if (ordinal.matches()) {
      return ordinal.group(1);
    }
    String digits = lower.endsWith("%") ? lower.substring(0, lower.length() - 1) : lower;
    if (NUMBER.matcher(digits).matches()) {
      // 1,000 and 1000 are one number; 3.50 and 3.5 too.
      String plain = digits.matches("\\d{1,3}(,\\d{3})+") ? digits.replace(",", "") : digits;
      try {
        return new BigDecimal(plain.replace(',', '.')).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return plain;
      }
    }
    return null;
  }

  /** The unit following a number: "5 km", "5km" (one token), "30 degrees Celsius". */
  private static String unitAfter(List<String> tokens, int i, String lower) {
    String glued = lower.replaceFirst("^[\\d.,]+", "");
    if (!glued.isEmpty() && PromptVocabulary.UNITS.containsKey(glued)) {
      return PromptVocabulary.UNITS.get(glued);
    }
    if (lower.endsWith("%")) {
      return "percent";
    }
    for (int j = i + 1; j < Math.min(tokens.size(), i + 3); j++) {
      String next = tokens.get(j).toLowerCase(Locale.ROOT);
      if (next.equals("degrees") || next.equals("degree")) {
        continue;
      }
      return PromptVocabulary.UNITS.get(next);
    }
    return null;
  }

  /**
   * A capitalised word that is not the first of its sentence, or an acronym anywhere (two or more
   * capitals). "I" is not a name.
   */
  private static boolean isName(String token, boolean sentenceStart) {
    if (token.length() < 2 || !Character.isUpperCase(token.codePointAt(0))) {
      return false;
    }
    long capitals = token.chars().filter(Character::isUpperCase).count();
    return capitals >= 2 || !sentenceStart;
  }

  /** Plural and past endings, so that "foods" and "food", "caused" and "cause" agree. */
  static String stem(String word) {
    if (word.length() > 4 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 4 && (word.endsWith("es") && !word.endsWith("ses"))) {
      return word.substring(0, word.length() - 1);
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    if (word.length() > 5 && word.endsWith("ing")) {
      return word.substring(0, word.length() - 3);
    }
    if (word.length() > 4 && word.endsWith("ed")) {
      return word.substring(0, word.length() - 2);
    }
    return word;
  }

  /** The writing system of most letters, for texts with too few function words to tell. */
  private static String script(String text) {
    Map<Character.UnicodeScript, Integer> counts = new EnumMap<>(Character.UnicodeScript.class);
    text.codePoints()
        .filter(Character::isLetter)
        .forEach(cp -> counts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum));
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(e -> e.getKey() == Character.UnicodeScript.LATIN ? "latin" : e.getKey().name())
        .orElse("none");
  }
}
