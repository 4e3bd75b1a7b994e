package ai.hyperion.policy;

import ai.hyperion.config.ModelConfig;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.provider.Usage;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Estimates a canonical chat request's tokens before it is sent (jtokkit; see {@link Tokenizer} for
 * the encoding per model family). Message framing follows OpenAI's published accounting (3 tokens a
 * message, 1 for a name, 3 to prime the reply); tool definitions are counted as their JSON plus a
 * framing cost; images are a fixed cost, since their size is unknown before decoding: 85 tokens at
 * {@code detail: low}, else 1,600 (above OpenAI's largest high-detail image, 1,105, and about
 * Claude's largest, ~1,600). Thread-safe: jtokkit encodings are immutable.
 */
@ApplicationScoped
public class TokenEstimator {

  static final int TOKENS_PER_MESSAGE = 3;
  static final int TOKENS_PER_NAME = 1;
  static final int REPLY_PRIMING = 3;
  static final int TOKENS_PER_TOOL = 10;
  static final int TOOLS_PREAMBLE = 12;
  static final int IMAGE_TOKENS_LOW = 85;
  static final int IMAGE_TOKENS = 1_600;

  /** A PDF: about one token per 3 bytes of file, at least a page's worth. */
  static final int FILE_MIN_TOKENS = 500;

  private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
  private final Map<Tokenizer, Encoding> encodings = new EnumMap<>(Tokenizer.class);
  private int defaultMaxOutputTokens;

  /** For the CDI proxy only. */
  protected TokenEstimator() {}

  @Inject
  public TokenEstimator(
      @ConfigProperty(name = "hyperion.policy.default-max-output-tokens", defaultValue = "4096")
          int defaultMaxOutputTokens) {
    if (defaultMaxOutputTokens < 1) {
      throw new IllegalArgumentException(
          "hyperion.policy.default-max-output-tokens must be positive");
    }
    this.defaultMaxOutputTokens = defaultMaxOutputTokens;
    for (Tokenizer tokenizer : Tokenizer.values()) {
      encodings.put(tokenizer, registry.getEncoding(tokenizer.encoding()));
    }
  }

  /**
   * The estimate for sending {@code request} to {@code model} ({@code facts} is its catalog entry,
   * or null for a pass-through model).
   */
  public TokenEstimate estimate(ChatRequest request, String model, ModelConfig facts) {
    Tokenizer tokenizer = Tokenizer.forModel(facts == null ? null : facts.family(), model);
    int prompt = promptTokens(request, tokenizer);
    Integer asked = request.outputTokenLimit();
    Integer modelLimit = facts == null ? null : facts.maxOutputTokens();
    int output;
    if (asked != null && asked > 0) {
      output = modelLimit == null ? asked : Math.min(asked, modelLimit);
    } else {
      output = modelLimit != null ? modelLimit : defaultMaxOutputTokens;
    }
    int rate = prompt + (asked != null && asked > 0 ? output : 0);
    return new TokenEstimate(prompt, output, rate, tokenizer);
  }

  /** An embeddings request: its inputs' tokens, nothing out. */
  public TokenEstimate estimate(EmbeddingRequest request, String model, ModelConfig facts) {
    Tokenizer tokenizer = Tokenizer.forModel(facts == null ? null : facts.family(), model);
    Encoding encoding = encodings.get(tokenizer);
    long tokens = 0;
    for (String input : request.input()) {
      tokens += count(encoding, input);
    }
    int prompt = (int) Math.min(Integer.MAX_VALUE, Math.ceil(tokens * tokenizer.factor()));
    return new TokenEstimate(prompt, 0, prompt, tokenizer);
  }

  /**
   * The usage of an answer whose upstream reported none (a stream cut before its usage chunk): the
   * request's prompt and the text, reasoning and tool calls the answer holds, counted with the
   * model's tokenizer, so what the upstream produced is still charged.
   */
  public Usage produced(ChatRequest request, String model, ChatResponse answer) {
    Tokenizer tokenizer = Tokenizer.forModel(null, model);
    Encoding encoding = encodings.get(tokenizer);
    long out = 0;
    for (ChatResponse.Choice choice : answer.choices()) {
      ChatMessage message = choice.message();
      out += count(encoding, message.text());
      if (message.extras() != null && message.extras().hasNonNull("reasoning_content")) {
        out += count(encoding, message.extras().get("reasoning_content").asText());
      }
      for (ToolCall call : message.toolCalls()) {
        out += count(encoding, call.name()) + count(encoding, call.arguments());
      }
    }
    int completion = (int) Math.min(Integer.MAX_VALUE, Math.ceil(out * tokenizer.factor()));
    return new Usage(promptTokens(request, tokenizer), completion);
  }

  int promptTokens(ChatRequest request, Tokenizer tokenizer) {
    Encoding encoding = encodings.get(tokenizer);
    long tokens = REPLY_PRIMING;
    for (ChatMessage message : request.messages()) {
      tokens += TOKENS_PER_MESSAGE;
      if (message.extras() != null && message.extras().hasNonNull("name")) {
        tokens += TOKENS_PER_NAME + count(encoding, message.extras().get("name").asText());
      }
      if (message.content() != null) {
        for (ContentPart part : message.content()) {
          tokens += partTokens(encoding, part);
        }
      }
      for (ToolCall call : message.toolCalls()) {
        tokens +=
            TOKENS_PER_MESSAGE + count(encoding, call.name()) + count(encoding, call.arguments());
      }
    }
    if (!request.tools().isEmpty()) {
      tokens += TOOLS_PREAMBLE;
      for (ToolDefinition tool : request.tools()) {
        tokens +=
            TOKENS_PER_TOOL + count(encoding, tool.name()) + count(encoding, tool.description());
        if (tool.parameters() != null) {
          tokens += count(encoding, tool.parameters().toString());
        }
      }
    }
    if (request.responseFormat() != null && request.responseFormat().has("json_schema")) {
      tokens += count(encoding, request.responseFormat().get("json_schema").toString());
    }
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(tokens * tokenizer.factor()));
  }

  private static long partTokens(Encoding encoding, ContentPart part) {
    if (part instanceof ContentPart.Text text) {
      return count(encoding, text.text());
    }
    if (part instanceof ContentPart.Image image) {
      return "low".equals(image.detail()) ? IMAGE_TOKENS_LOW : IMAGE_TOKENS;
    }
    if (part instanceof ContentPart.File file) {
      long base64Chars = file.fileData() == null ? 0 : file.fileData().length();
      return Math.max(FILE_MIN_TOKENS, base64Chars / 4);
    }
    return count(encoding, ((ContentPart.Opaque) part).raw().toString());
  }

  /** Longest text encoded in one call; longer text is encoded in pieces of about this size. */
  static final int CHUNK = 4096;

  private static final int WORD_BACKOFF = 512;

  /**
   * Byte-pair encoding of one word costs the square of its length: a 262,144-character run without
   * a space took 0.4 s in one call (and blocked the thread that metered the stream). Long text is
   * therefore encoded in pieces of at most {@link #CHUNK} characters, each cut just before a space
   * where one is near, so ordinary prose counts the same; where none is, the piece is cut at 512
   * characters, so a run without spaces costs linear time.
   */
  static int count(Encoding encoding, String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    if (text.length() <= CHUNK) {
      return encoding.countTokensOrdinary(text);
    }
    int tokens = 0;
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(start + CHUNK, text.length());
      if (end < text.length()) {
        int cut = start + WORD_BACKOFF; // no space near the end: a run, cut short
        for (int i = end; i > end - WORD_BACKOFF; i--) {
          if (text.charAt(i) == ' ') {
            cut = i;
            break;
          }
        }
        end = cut;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
          end--;
        }
      }
      tokens += encoding.countTokensOrdinary(text.substring(start, end));
      start = end;
    }
    return tokens;
  }
}
