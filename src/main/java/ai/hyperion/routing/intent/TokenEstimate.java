package ai.hyperion.routing.intent;

/**
 * A tokenizer-free estimate of how many tokens a text costs: about four characters per token for
 * Latin and Cyrillic script, one per CJK character (what BPE tokenizers do on average). Good to
 * 10-20 % on prose; routing needs only the order of magnitude, and it costs one pass over the
 * chars.
 */
public final class TokenEstimate {

  private TokenEstimate() {}

  /** Above this length every {@link #STRIDE}th character is looked at and the counts scaled. */
  static final int SAMPLE_FROM = 4096;

  static final int STRIDE = 8;

  public static int of(CharSequence text) {
    if (text == null) {
      return 0;
    }
    int stride = text.length() > SAMPLE_FROM ? STRIDE : 1;
    int wide = 0;
    int narrow = 0;
    for (int i = 0; i < text.length(); i += stride) {
      char c = text.charAt(i);
      if (c >= 0x2E80 && c <= 0xD7AF || c >= 0xF900 && c <= 0xFAFF || c >= 0xFF00 && c <= 0xFFEF) {
        wide++;
      } else {
        narrow++;
      }
    }
    return wide * stride + (narrow * stride + 3) / 4;
  }
}
