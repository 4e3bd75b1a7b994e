package ai.hyperion.pipeline;

/** The value of {@code x-hyperion-cache}. */
public enum CacheStatus {
  HIT,
  MISS,
  BYPASS;

  public String headerValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
