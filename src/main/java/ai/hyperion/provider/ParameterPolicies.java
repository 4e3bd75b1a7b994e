package ai.hyperion.provider;

import ai.hyperion.provider.ParameterPolicy.Range;

/**
 * The documented parameter limits of each provider family; each adapter's config picks its own
 * (adding the model's output-token ceiling from {@code options.max-output-tokens}). The README's
 * provider table lists the same rules.
 */
public final class ParameterPolicies {

  private static final Range UNIT = new Range(0, 1);

  /** OpenAI: temperature 0..2, top_p 0..1, at most 4 stop sequences, penalties -2..2. */
  public static final ParameterPolicy OPENAI =
      new ParameterPolicy(new Range(0, 2), UNIT, 4, null, new Range(-2, 2), false);

  /**
   * Other OpenAI-compatible servers (vLLM, Ollama, ...): OpenAI's ranges, but stop sequences are
   * not limited, since these servers take more than OpenAI's four.
   */
  public static final ParameterPolicy OPENAI_COMPATIBLE =
      new ParameterPolicy(new Range(0, 2), UNIT, null, null, new Range(-2, 2), false);

  /**
   * Anthropic Messages: temperature 0..1, top_p 0..1; no penalties; current models refuse
   * temperature and top_p together, so top_p gives way.
   */
  public static final ParameterPolicy ANTHROPIC =
      new ParameterPolicy(UNIT, UNIT, null, null, null, true);

  /** Gemini (API and Vertex): temperature 0..2, topP 0..1, at most 5 stop sequences. */
  public static final ParameterPolicy GEMINI =
      new ParameterPolicy(new Range(0, 2), UNIT, 5, null, new Range(-2, 2), false);

  /** Bedrock Converse: temperature 0..1, topP 0..1, at most 2500 stop sequences, no penalties. */
  public static final ParameterPolicy BEDROCK =
      new ParameterPolicy(UNIT, UNIT, 2500, null, null, false);

  private ParameterPolicies() {}
}
