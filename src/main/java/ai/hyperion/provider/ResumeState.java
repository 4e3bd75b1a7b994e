package ai.hyperion.provider;

/**
 * One provider's opaque state attached to a tool call: {@code origin} names the wire family that
 * produced it and is the only one that may receive it back ({@link Continuity#recall}); {@code
 * kind} says what it is ({@link #THOUGHT_SIGNATURE}, {@link #THINKING_BLOCKS}); {@code value} is
 * the provider's bytes as text.
 */
public record ResumeState(String origin, String kind, String value) {

  /** Gemini's {@code thoughtSignature} of a {@code functionCall} part. */
  public static final String THOUGHT_SIGNATURE = "thought_signature";

  /** Anthropic's thinking blocks (JSON array, signatures included) before a {@code tool_use}. */
  public static final String THINKING_BLOCKS = "thinking_blocks";

  public ResumeState {
    if (origin == null || kind == null || value == null) {
      throw new IllegalArgumentException("origin, kind and value are required");
    }
  }

  /** A compact text form for stores that keep strings: origin, kind, value, tab-separated. */
  public String encode() {
    return origin + '\t' + kind + '\t' + value;
  }

  /** The inverse of {@link #encode()}; null for anything else. */
  public static ResumeState decode(String encoded) {
    if (encoded == null) {
      return null;
    }
    int first = encoded.indexOf('\t');
    int second = first < 0 ? -1 : encoded.indexOf('\t', first + 1);
    if (second < 0) {
      return null;
    }
    return new ResumeState(
        encoded.substring(0, first),
        encoded.substring(first + 1, second),
        encoded.substring(second + 1));
  }
}
