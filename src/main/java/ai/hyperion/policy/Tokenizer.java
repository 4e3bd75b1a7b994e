package ai.hyperion.policy;

import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;

/**
 * The tokenizer used to estimate a model family's prompt before the call. OpenAI's are exact
 * (jtokkit ships their BPE tables); for the others cl100k's count is scaled by a factor that errs
 * high, because settlement reconciles with what the provider reports and over-reserving only holds
 * quota for the length of one call:
 *
 * <ul>
 *   <li>Claude: Anthropic's tokenizer is not public; English prose comes out 10–20% above cl100k
 *       and code more, so ×1.20.
 *   <li>Gemini/Gemma: SentencePiece with a 256k vocabulary, about cl100k's count for English and
 *       fewer for other scripts; ×1.10 as a margin.
 *   <li>Llama: Llama 3's 128k vocabulary extends cl100k (counts within a few per cent); older
 *       Llamas' 32k SentencePiece runs ~20% higher; ×1.15 covers both.
 *   <li>Anything else (Mistral, Cohere, unknown): ×1.25.
 * </ul>
 */
public enum Tokenizer {
  O200K(EncodingType.O200K_BASE, 1.0),
  CL100K(EncodingType.CL100K_BASE, 1.0),
  CLAUDE(EncodingType.CL100K_BASE, 1.20),
  GEMINI(EncodingType.CL100K_BASE, 1.10),
  LLAMA(EncodingType.CL100K_BASE, 1.15),
  OTHER(EncodingType.CL100K_BASE, 1.25);

  private final EncodingType encoding;
  private final double factor;

  Tokenizer(EncodingType encoding, double factor) {
    this.encoding = encoding;
    this.factor = factor;
  }

  public EncodingType encoding() {
    return encoding;
  }

  public double factor() {
    return factor;
  }

  /**
   * The tokenizer for a model, from its catalog family when it has one, else from its name: o200k
   * for gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series; cl100k for gpt-4, gpt-3.5 and the
   * embeddings models.
   */
  public static Tokenizer forModel(String family, String model) {
    Tokenizer byFamily = family == null ? OTHER : byName(family);
    return byFamily != OTHER || model == null ? byFamily : byName(model);
  }

  private static Tokenizer byName(String raw) {
    String name = raw.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    if (name.startsWith("gpt-4o")
        || name.startsWith("chatgpt-4o")
        || name.startsWith("gpt-4.1")
        || name.startsWith("gpt-4.5")
        || name.startsWith("gpt-5")
        || name.matches("o[1-9](-.*)?")) {
      return O200K;
    }
    if (name.startsWith("gpt-4")
        || name.startsWith("gpt-3.5")
        || name.startsWith("gpt-35")
        || name.startsWith("text-embedding")) {
      return CL100K;
    }
    if (name.contains("claude")) {
      return CLAUDE;
    }
    if (name.contains("gemini") || name.contains("gemma")) {
      return GEMINI;
    }
    if (name.contains("llama")) {
      return LLAMA;
    }
    return OTHER;
  }
}
