package ai.hyperion.routing.intent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The weighted textual cues of each intent, in the languages the gateway sees most (English,
 * German, French, Spanish, Portuguese, Italian, Russian, Chinese, Japanese). Each cue is a regular
 * expression over the lower-cased text; a cue counts once however often it matches. Latin-script
 * words are bounded by {@code \b}; CJK cues are plain substrings (no word spaces there).
 */
final class Cues {

  /** One cue and what it adds to its intent's score when it matches. */
  interface Cue {
    double weight();

    boolean matches(Text text);
  }

  /**
   * A text prepared once for every cue: lower-cased, and as its words (letters and digits, anything
   * else a separator) both as a set and joined by single spaces with a space at each end, so that a
   * word or phrase cue is a hash look-up or one {@code indexOf} instead of a regular expression
   * tried at every position.
   */
  static final class Text {
    final String lower;
    final String joined;
    final Set<String> words = new HashSet<>();
    int numbers;

    Text(String lowerCased) {
      this.lower = lowerCased;
      StringBuilder out = new StringBuilder(lowerCased.length() + 2).append(' ');
      int wordStart = -1;
      for (int i = 0; i <= lowerCased.length(); i++) {
        boolean letter = i < lowerCased.length() && Character.isLetterOrDigit(lowerCased.charAt(i));
        if (letter && wordStart < 0) {
          wordStart = i;
        } else if (!letter && wordStart >= 0) {
          String word = lowerCased.substring(wordStart, i);
          words.add(word);
          if (Character.isDigit(word.charAt(0))) {
            numbers++;
          }
          out.append(word).append(' ');
          wordStart = -1;
        }
      }
      this.joined = out.toString();
    }
  }

  /** A regular expression, tried only when the text contains one of its {@code gates}. */
  private record RegexCue(Pattern pattern, double weight, List<String> gates) implements Cue {
    @Override
    public boolean matches(Text text) {
      if (!gates.isEmpty() && !containsAny(text.lower, gates)) {
        return false;
      }
      return pattern.matcher(text.lower).find();
    }
  }

  /**
   * Whole words or phrases: single words by set look-up, phrases by search in the joined words
   * (only when the text has the phrase's first word), the entries that are regular expressions as
   * one {@code rest} expression (only when the text contains one of their literal beginnings).
   */
  private record WordCue(
      Set<String> singles,
      List<Phrase> phrases,
      Pattern rest,
      List<String> restGates,
      double weight)
      implements Cue {
    @Override
    public boolean matches(Text text) {
      // Whichever set is smaller is walked: a short prompt has fewer words than a cue list.
      Set<String> walked = text.words.size() < singles.size() ? text.words : singles;
      Set<String> probed = walked == singles ? text.words : singles;
      for (String word : walked) {
        if (probed.contains(word)) {
          return true;
        }
      }
      for (int i = 0; i < phrases.size(); i++) {
        Phrase phrase = phrases.get(i);
        if (text.words.contains(phrase.firstWord()) && text.joined.contains(phrase.joined())) {
          return true;
        }
      }
      return rest != null
          && (restGates.isEmpty() || containsAny(text.lower, restGates))
          && rest.matcher(text.lower).find();
    }
  }

  /** A phrase as its words joined by single spaces with a space at each end, and its first word. */
  private record Phrase(String joined, String firstWord) {}

  private record SubstringCue(List<String> parts, double weight) implements Cue {
    @Override
    public boolean matches(Text text) {
      return containsAny(text.lower, parts);
    }
  }

  private static boolean containsAny(String text, List<String> parts) {
    for (int i = 0; i < parts.size(); i++) {
      if (text.contains(parts.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}' \\-]+");

  private Cues() {}

  /** A regular expression; {@code gates}: substrings one of which any match contains. */
  static Cue cue(double weight, String regex, String... gates) {
    return new RegexCue(Pattern.compile(regex, Pattern.UNICODE_CASE), weight, List.of(gates));
  }

  /**
   * Latin-script words or phrases, matched as whole words. Entries that are regular expressions
   * ({@code unit tests?}) are matched as one word-bounded regular expression.
   */
  static Cue words(double weight, String... words) {
    Set<String> singles = new HashSet<>();
    List<Phrase> phrases = new ArrayList<>();
    List<String> regexes = new ArrayList<>();
    List<String> restGates = new ArrayList<>();
    for (String word : words) {
      if (LITERAL.matcher(word).matches()) {
        String joined = new Text(word).joined;
        String trimmed = joined.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
          singles.add(trimmed);
        } else {
          phrases.add(new Phrase(joined, trimmed.substring(0, space)));
        }
      } else {
        regexes.add(word);
        restGates.add(literalStart(word));
      }
    }
    Pattern rest =
        regexes.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\p{L}\\p{N}_])(?:" + String.join("|", regexes) + ")(?![\\p{L}\\p{N}_])",
                Pattern.UNICODE_CASE);
    return new WordCue(
        Set.copyOf(singles),
        List.copyOf(phrases),
        rest,
        restGates.contains("") ? List.of() : List.copyOf(restGates),
        weight);
  }

  /**
   * The text every match of {@code regex} begins with: its characters up to the first construct
   * that is not a plain or escaped punctuation character, less the last one when a quantifier that
   * allows zero ({@code ?}, {@code *}, braces) makes it optional. Empty when the expression begins
   * with such a construct or has an alternation anywhere (a branch need not begin with the first
   * one's text).
   */
  static String literalStart(String regex) {
    for (int i = 0; i < regex.length(); i++) {
      if (regex.charAt(i) == '\\') {
        i++;
      } else if (regex.charAt(i) == '|') {
        return "";
      }
    }
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
        literal.append(regex.charAt(++i));
      } else if ("\\.[](){}*+?|^$".indexOf(c) < 0) {
        literal.append(c);
      } else {
        if ((c == '?' || c == '*' || c == '{') && literal.length() > 0) {
          literal.setLength(literal.length() - 1);
        }
        break;
      }
    }
    return literal.toString();
  }

  /** A computed signal. */
  static Cue when(double weight, Predicate<Text> test) {
    return new Cue() {
      @Override
      public double weight() {
        return weight;
      }

      @Override
      public boolean matches(Text text) {
        return test.test(text);
      }
    };
  }

  /** A line with a question mark and at least three numbers: a word problem. */
  static boolean numbersInAQuestion(Text text) {
    if (text.numbers < 3) {
      return false;
    }
    for (String line : text.lower.split("\n")) {
      if (line.indexOf('?') >= 0) {
        int numbers = 0;
        boolean inNumber = false;
        for (int i = 0; i < line.length(); i++) {
          boolean digit = Character.isDigit(line.charAt(i));
          if (digit && !inNumber) {
            numbers++;
          }
          inNumber = digit;
        }
        if (numbers >= 3) {
          return true;
        }
      }
    }
    return false;
  }

  /** Substrings (CJK, symbols, word stems). */
  static Cue any(double weight, String... parts) {
    return new SubstringCue(List.of(parts), weight);
  }

  static final List<Cue> CODE =
      List.of(
          any(3, "```"),
          cue(3, "\\bat [\\w.$]+\\([\\w]+\\.(?:java|kt|scala):\\d+\\)", "at "),
          cue(
              3,
              "traceback \\(most recent call last\\)|(?:exception|error):\\s",
              "traceback",
              "exception:",
              "error:"),
          cue(1.5, "`[^`\\n]{2,}`", "`"),
          cue(1.5, "\\b[a-z][a-z0-9]*_[a-z0-9_]*\\s*\\(", "_"),
          cue(
              1.5,
              "=>|\\)\\s*\\{|;\\s*$|\\bdef \\w+\\(|\\bfunction\\s*\\w*\\(|</?\\w+[^>]*>",
              "=>",
              ")",
              ";",
              "def ",
              "function",
              "<"),
          cue(2, "\\bselect\\b[^.]{1,80}\\bfrom\\b", "select"),
          words(
              2.5,
              "python",
              "java",
              "javascript",
              "typescript",
              "node",
              "golang",
              "in go",
              "rust",
              "rustで",
              "c\\+\\+",
              "c#",
              "kotlin",
              "swift",
              "php",
              "ruby",
              "sql",
              "bash",
              "shell",
              "regex",
              "docker",
              "dockerfile",
              "kubernetes",
              "kubectl",
              "terraform",
              "react",
              "django",
              "pandas",
              "numpy",
              "git",
              "css",
              "flexbox",
              "html",
              "json schema",
              "api",
              "pytest",
              "junit",
              "npm",
              "maven"),
          any(1.5, "rust", "python", "java"),
          words(
              1.5,
              "code",
              "function",
              "method",
              "class",
              "variable",
              "compile",
              "compiler",
              "refactor",
              "debug",
              "unit test",
              "unit tests",
              "implement",
              "script",
              "one-liner",
              "stack trace",
              "bug",
              "repository",
              "commit",
              "commits",
              "rebase",
              "deploy",
              "pod",
              "container",
              "endpoint",
              "query",
              "orm",
              "async",
              "await",
              "null",
              "div",
              "const",
              "let",
              "var",
              "methode",
              "funktion",
              "fonction",
              "función",
              "função",
              "codice",
              "código"),
          any(2, "代码", "函数", "コード", "関数", "プログラム", "编程"));

  static final List<Cue> MATH =
      List.of(
          cue(
              2.5,
              "\\d\\s*[+*/^×÷]\\s*\\d|\\d\\s+-\\s+\\d|\\b[a-z]\\s*\\^\\s*\\d|\\d[a-z]\\s*[-+=]",
              DIGITS),
          cue(1.5, "=\\s*[-\\d(]|\\b[xyz]\\s*[-+=]", "=", "-", "+"),
          cue(
              3,
              "\\\\(?:int|frac|sum|sqrt|lim|cdot)|[∫√∑∏π≤≥≠∞]|\\blim\\s*\\(",
              "\\",
              "∫",
              "√",
              "∑",
              "∏",
              "π",
              "≤",
              "≥",
              "≠",
              "∞",
              "lim"),
          cue(1.5, "\\d+(?:[.,]\\d+)?\\s*%|\\bpi\\b", "%", "pi"),
          words(
              2.5,
              "solve",
              "derivative",
              "integral",
              "equation",
              "equations",
              "eigenvalue",
              "eigenvalues",
              "matrix",
              "probability",
              "prove that",
              "induction",
              "prime",
              "factorisation",
              "factorization",
              "expected value",
              "standard deviation",
              "median",
              "fraction",
              "lowest terms",
              "compounded",
              "interest",
              "irrational",
              "calculate",
              "compute",
              "berechne",
              "fläche",
              "formel",
              "résous",
              "système d'équations",
              "équation",
              "derivada",
              "ecuación",
              "calcula",
              "calcola",
              "media",
              "mediana",
              "deviazione standard",
              "найдите",
              "уравнения",
              "корни"),
          words(1, "how long", "how far", "how fast", "how much", "speed", "rate", "average"),
          when(1.5, Cues::numbersInAQuestion),
          any(2.5, "极限", "方程", "求解", "计算", "割り切れ", "整数", "確率", "証明", "微分", "積分"));

  static final List<Cue> REASONING =
      List.of(
          words(
              2.5,
              "step by step",
              "think it through",
              "reason through",
              "reason carefully",
              "trade-off",
              "trade-offs",
              "tradeoff",
              "tradeoffs",
              "weigh",
              "root cause",
              "why or why not",
              "can we conclude",
              "what's wrong with",
              "evaluate this argument",
              "possible explanations",
              "think through",
              "consider(?:ing)? the",
              "considerations",
              "dependencies",
              "risks",
              "schritt für schritt",
              "vor- und nachteile",
              "empfehlen",
              "würdest du empfehlen",
              "étape par étape",
              "justifie",
              "peut-on en déduire",
              "paso a paso",
              "analiza",
              "conviene",
              "passo a passo",
              "raciocine"),
          words(
              1.5,
              "should a",
              "should i",
              "should we",
              "plan",
              "decide",
              "deciding",
              "recommend",
              "strategy",
              "sequencing",
              "explain why",
              "who is the",
              "puzzle",
              "riddle",
              "logic",
              "analyse",
              "analyze",
              "compare",
              "consider"),
          words(1, "why did", "why do", "why does", "why is", "why are"),
          cue(2.5, "\\bwho is the (?:\\w+ )?\\w+est\\b", "who is the"),
          any(2.5, "推理", "一步一步", "判断", "検討", "リスク", "結論", "观点", "整理して"));

  static final List<Cue> EXTRACTION =
      List.of(
          words(
              3,
              "extract",
              "parse",
              "pull out",
              "as json",
              "in json",
              "json object",
              "json array",
              "json list",
              "named entities",
              "key/value pairs",
              "tag each",
              "classify",
              "extrahiere",
              "als json",
              "au format json",
              "format json",
              "extrae",
              "como una tabla",
              "em json",
              "retorne"),
          words(1.5, "json", "csv", "fields", "table", "list every", "sentiment"),
          any(3, "提取", "抽出", "json格式", "jsonで"));

  static final List<Cue> CREATIVE =
      List.of(
          words(
              3,
              "poem",
              "poetry",
              "haiku",
              "limerick",
              "lyrics",
              "song",
              "story",
              "tale",
              "slogan",
              "tagline",
              "catchy names",
              "names for",
              "plot twist",
              "plot twists",
              "role-play",
              "roleplay",
              "stay in character",
              "fictional",
              "toast",
              "brainstorm",
              "gedicht",
              "geschichte",
              "poème",
              "histoire",
              "poema",
              "cuento",
              "poesia",
              "crônica",
              "inventa"),
          words(1.5, "write a", "compose", "come up with", "playful", "poetic", "tweet", "funny"),
          any(3, "诗", "物語", "小説", "故事"));

  static final List<Cue> CHAT =
      List.of(
          words(
              3,
              "hi",
              "hello",
              "hey",
              "hi there",
              "good morning",
              "good evening",
              "thanks",
              "thank you",
              "how are you",
              "hallo",
              "wie geht's",
              "bonjour",
              "hola",
              "grazie",
              "grazie mille",
              "obrigado",
              "merci",
              "привет",
              "как дела"),
          words(
              2,
              "what's the capital",
              "what is the capital",
              "capital of",
              "hauptstadt",
              "who wrote",
              "what year",
              "what time zone",
              "how many",
              "what does '?\\w+'? mean",
              "langue officielle",
              "cuántos",
              "is a \\w+ a"),
          any(3, "你好", "こんにちは", "元気"));

  static final List<Cue> GENERAL =
      List.of(
          words(
              2,
              "summarise",
              "summarize",
              "translate",
              "rewrite",
              "explain",
              "describe",
              "tips",
              "proofread",
              "itinerary",
              "draft",
              "cover letter",
              "email",
              "message to",
              "linkedin post",
              "pros and cons",
              "difference between",
              "how does",
              "what are",
              "fasse",
              "traduis",
              "spiegami",
              "qué debo",
              "quais são"),
          any(2, "介绍", "説明", "简单"));
}
