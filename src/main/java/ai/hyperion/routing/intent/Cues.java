package ai.hyperion.routing.intent;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The weighted textual cues of each intent, in the languages the gateway sees most (English,
 * German, French, Spanish, Portuguese, Italian, Russian, Chinese, Japanese). Each cue is a regular
 * expression over the lower-cased text; a cue counts once however often it matches. Latin-script
 * words are bounded by {@code \b}; CJK cues are plain substrings (no word spaces there).
 */
final class Cues {

  /** One cue and what it adds to its intent's score. */
  record Cue(Pattern pattern, double weight) {}

  private Cues() {}

  static Cue cue(double weight, String regex) {
    return new Cue(Pattern.compile(regex, Pattern.UNICODE_CASE), weight);
  }

  /** A word-bounded alternation of Latin-script words or phrases. */
  static Cue words(double weight, String... words) {
    return cue(
        weight, "(?<![\\p{L}\\p{N}_])(?:" + String.join("|", words) + ")(?![\\p{L}\\p{N}_])");
  }

  /** Substrings (CJK, symbols, word stems). */
  static Cue any(double weight, String... parts) {
    StringBuilder regex = new StringBuilder();
    for (String part : parts) {
      regex.append(regex.length() == 0 ? "" : "|").append(Pattern.quote(part));
    }
    return cue(weight, regex.toString());
  }

  static final List<Cue> CODE =
      List.of(
          cue(3, "```"),
          cue(3, "\\bat [\\w.$]+\\([\\w]+\\.(?:java|kt|scala):\\d+\\)"),
          cue(3, "traceback \\(most recent call last\\)|\\b\\w*(?:exception|error):\\s"),
          cue(1.5, "`[^`\\n]{2,}`"),
          cue(1.5, "\\b[a-z]+[a-z0-9]*_[a-z0-9_]+\\s*\\(|\\b[a-z]+[A-Z][A-Za-z0-9]*\\s*\\("),
          cue(1.5, "=>|\\)\\s*\\{|;\\s*$|\\bdef \\w+\\(|\\bfunction\\s*\\w*\\(|</?\\w+[^>]*>"),
          cue(2, "\\bselect\\b[^.]{1,80}\\bfrom\\b"),
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
              "unit tests?",
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
              "\\d\\s*[+*/^×÷]\\s*\\d|\\d\\s+-\\s+\\d|\\b[a-z]\\s*\\^\\s*\\d|\\d[a-z]\\s*[-+=]"),
          cue(1.5, "=\\s*[-\\d(]|\\b[xyz]\\s*[-+=]"),
          cue(3, "\\\\(?:int|frac|sum|sqrt|lim|cdot)|[∫√∑∏π≤≥≠∞]|\\blim\\s*\\("),
          cue(1.5, "\\d+(?:[.,]\\d+)?\\s*%|\\bpi\\b"),
          words(
              2.5,
              "solve",
              "derivative",
              "integral",
              "equation",
              "equations",
              "eigenvalues?",
              "matrix",
              "probability",
              "prove that",
              "induction",
              "prime",
              "factori[sz]ation",
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
          cue(1.5, "\\d.*\\d.*\\d.*\\?"),
          any(2.5, "极限", "方程", "求解", "计算", "割り切れ", "整数", "確率", "証明", "微分", "積分"));

  static final List<Cue> REASONING =
      List.of(
          words(
              2.5,
              "step by step",
              "think it through",
              "reason through",
              "reason carefully",
              "trade-offs?",
              "tradeoffs?",
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
              "should (?:a|i|we)",
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
              "analy[sz]e",
              "compare",
              "consider"),
          words(1, "why did", "why do", "why does", "why is", "why are"),
          cue(2.5, "\\bwho is the (?:\\w+ )?\\w+est\\b"),
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
              "plot twists?",
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
              "what(?:'s| is) the capital",
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
              "summari[sz]e",
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
