package ai.hyperion.provider;

/**
 * Token usage in OpenAI's accounting: {@code promptTokens} includes cached and cache-write tokens,
 * {@code completionTokens} includes reasoning tokens.
 */
public record Usage(
    int promptTokens,
    int completionTokens,
    int cachedTokens,
    int cacheWriteTokens,
    int reasoningTokens) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  public Usage(int promptTokens, int completionTokens) {
    this(promptTokens, completionTokens, 0, 0, 0);
  }

  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
