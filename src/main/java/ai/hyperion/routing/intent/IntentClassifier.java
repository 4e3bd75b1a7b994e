package ai.hyperion.routing.intent;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.routing.intent.Cues.Cue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies a chat request's intent and complexity from signals that hold up across phrasing and
 * languages, cheaply enough for every request (~5 µs for a short prompt, ~25 µs on average over the
 * labelled set, whose texts run to 45 KB; {@code bench/intent-cost.sh}):
 *
 * <ol>
 *   <li>size: an estimated input of at least {@code longContextTokens} is {@code long-context};
 *   <li>structure: a JSON {@code response_format} or a forced tool call is {@code extraction};
 *   <li>text: weighted cues per intent (code fences, stack traces, identifiers, math notation,
 *       instruction verbs in nine languages) scored on the last user message, the system prompt
 *       counting half; the best score wins if it reaches {@link #MIN_SCORE};
 *   <li>otherwise a turn with a general instruction (explain, summarise, translate...) or more than
 *       {@link #SHORT_WORDS} words is {@code general}, a shorter one {@code chat}.
 * </ol>
 *
 * Only the first and last {@link #SCAN_CHARS} characters of a long message are scanned for cues:
 * instructions sit at the edges of a pasted document, and its body would add noise and cost.
 * Stateless and thread-safe.
 */
public final class IntentClassifier {

  public static final int DEFAULT_LONG_CONTEXT_TOKENS = 8000;
  static final double MIN_SCORE = 2.5;
  static final int SCAN_CHARS = 600;
  static final int SHORT_WORDS = 12;

  private static final Map<Intent, List<Cue>> CUES = new EnumMap<>(Intent.class);
  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^\\s*(?:[-*•]|\\d+[.)])\\s+");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
  private static final List<String> HARD =
      List.of(
          "step by step",
          "prove",
          "proof",
          "trade-off",
          "tradeoff",
          "trade off",
          "architecture",
          "design",
          "optimise",
          "optimize",
          "root cause",
          "migration",
          "concurren",
          "thread-safe",
          "schritt für schritt",
          "étape par étape",
          "paso a paso",
          "一步一步",
          "証明");

  static {
    CUES.put(Intent.CODE, Cues.CODE);
    CUES.put(Intent.MATH, Cues.MATH);
    CUES.put(Intent.REASONING, Cues.REASONING);
    CUES.put(Intent.EXTRACTION, Cues.EXTRACTION);
    CUES.put(Intent.CREATIVE, Cues.CREATIVE);
    CUES.put(Intent.CHAT, Cues.CHAT);
    CUES.put(Intent.GENERAL, Cues.GENERAL);
  }

  private final int longContextTokens;

  public IntentClassifier() {
    this(DEFAULT_LONG_CONTEXT_TOKENS);
  }

  public IntentClassifier(int longContextTokens) {
    if (longContextTokens < 1) {
      throw new IllegalArgumentException("longContextTokens must be positive");
    }
    this.longContextTokens = longContextTokens;
  }

  public Classification classify(ChatRequest request) {
    int tokens = estimateInputTokens(request);
    String user = scan(lastUserText(request.messages()));
    if (tokens >= longContextTokens) {
      return new Classification(
          Intent.LONG_CONTEXT,
          complexity(request, Intent.LONG_CONTEXT, user, tokens),
          tokens,
          "input ~" + tokens + " tokens >= " + longContextTokens);
    }
    if (structuredOutput(request)) {
      return new Classification(
          Intent.EXTRACTION,
          complexity(request, Intent.EXTRACTION, user, tokens),
          tokens,
          request.responseFormat() != null ? "response_format" : "forced tool call");
    }
    Map<Intent, Double> scores = new EnumMap<>(Intent.class);
    score(scores, new Cues.Text(user), 1.0);
    String system = systemText(request.messages());
    if (!system.isEmpty()) {
      score(scores, new Cues.Text(scan(system)), 0.5);
    }
    Intent best = null;
    double bestScore = 0;
    for (Map.Entry<Intent, Double> e : scores.entrySet()) {
      if (e.getValue() > bestScore) {
        best = e.getKey();
        bestScore = e.getValue();
      }
    }
    Intent intent;
    String signal;
    if (best != null && bestScore >= MIN_SCORE) {
      intent = best;
      signal = "cues " + best.value() + "=" + Classification.fixed(bestScore, 1);
    } else if (scores.getOrDefault(Intent.GENERAL, 0.0) > 0 || words(user) > SHORT_WORDS) {
      intent = Intent.GENERAL;
      signal = "instruction without a specialised cue";
    } else {
      intent = Intent.CHAT;
      signal = "short turn";
    }
    return new Classification(intent, complexity(request, intent, user, tokens), tokens, signal);
  }

  /** Text, tool definitions and an allowance per image, over every message. */
  public static int estimateInputTokens(ChatRequest request) {
    int tokens = 0;
    for (ChatMessage message : request.messages()) {
      tokens += 4;
      if (message.content() != null) {
        for (ContentPart part : message.content()) {
          tokens += partTokens(part);
        }
      }
      for (var call : message.toolCalls()) {
        tokens += TokenEstimate.of(call.toString());
      }
    }
    for (ToolDefinition tool : request.tools()) {
      tokens +=
          TokenEstimate.of(tool.name())
              + TokenEstimate.of(tool.description())
              + (tool.parameters() == null ? 0 : TokenEstimate.of(tool.parameters().toString()));
    }
    return tokens;
  }

  private static int partTokens(ContentPart part) {
    if (part instanceof ContentPart.Text t) {
      return TokenEstimate.of(t.text());
    }
    if (part instanceof ContentPart.Image) {
      return 765; // OpenAI's cost of one high-detail 1024x1024 image
    }
    if (part instanceof ContentPart.File f) {
      return f.fileData() == null ? 0 : f.fileData().length() / 8;
    }
    return part instanceof ContentPart.Opaque o ? TokenEstimate.of(o.raw().toString()) : 0;
  }

  static boolean structuredOutput(ChatRequest request) {
    JsonNode format = request.responseFormat();
    if (format != null) {
      String type = format.path("type").asText("");
      if (type.equals("json_object") || type.equals("json_schema")) {
        return true;
      }
    }
    JsonNode choice = request.toolChoice();
    if (choice != null && !request.tools().isEmpty()) {
      return choice.isObject() || "required".equals(choice.asText());
    }
    return false;
  }

  private static void score(Map<Intent, Double> scores, Cues.Text text, double factor) {
    for (Map.Entry<Intent, List<Cue>> entry : CUES.entrySet()) {
      double sum = 0;
      for (Cue cue : entry.getValue()) {
        if (cue.matches(text)) {
          sum += cue.weight();
        }
      }
      if (sum > 0) {
        scores.merge(entry.getKey(), sum * factor, Double::sum);
      }
    }
  }

  /**
   * 0 for a greeting, towards 1 for long, constrained, multi-step work: the intent's base, input
   * size (log scale), the number of listed requirements, hard-task words, tools and turns. {@code
   * user} is the scanned, lower-cased window of the last user message.
   */
  static double complexity(ChatRequest request, Intent intent, String user, int tokens) {
    double c =
        switch (intent) {
          case CHAT -> 0.0;
          case CREATIVE, GENERAL -> 0.1;
          case EXTRACTION -> 0.15;
          case CODE, MATH -> 0.3;
          case REASONING, LONG_CONTEXT -> 0.4;
        };
    c += Math.min(0.25, Math.max(0, Math.log10(Math.max(1, tokens)) - 1) * 0.1);
    Matcher items = LIST_ITEM.matcher(user);
    int listed = 0;
    while (items.find() && listed < 5) {
      listed++;
    }
    c += listed * 0.03;
    int hardCues = 0;
    for (int i = 0; i < HARD.size() && hardCues < 2; i++) {
      if (user.contains(HARD.get(i))) {
        hardCues++;
      }
    }
    c += hardCues * 0.1;
    if (!request.tools().isEmpty()) {
      c += 0.05;
    }
    if (request.messages().size() > 6) {
      c += 0.05;
    }
    return Math.min(1.0, Math.round(c * 100) / 100.0);
  }

  private static String lastUserText(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage m = messages.get(i);
      if (m.role() == Role.USER && m.text() != null) {
        return m.text();
      }
    }
    return "";
  }

  private static String systemText(List<ChatMessage> messages) {
    StringBuilder out = new StringBuilder();
    for (ChatMessage m : messages) {
      if ((m.role() == Role.SYSTEM || m.role() == Role.DEVELOPER) && m.text() != null) {
        out.append(m.text()).append('\n');
      }
    }
    return out.toString();
  }

  /** The head and tail of a text, lower-cased: cues sit in instructions, not in pasted bulk. */
  private static String scan(String text) {
    String window =
        text.length() <= 2 * SCAN_CHARS
            ? text
            : text.substring(0, SCAN_CHARS) + "\n" + text.substring(text.length() - SCAN_CHARS);
    return window.toLowerCase(Locale.ROOT);
  }

  private static int words(String text) {
    int count = 0;
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      count++;
    }
    Matcher cjk = CJK.matcher(text);
    int cjkChars = 0;
    while (cjk.find()) {
      cjkChars++;
    }
    // CJK has no spaces: count roughly two characters per word.
    return count + cjkChars / 2;
  }
}
