package ai.hyperion.pipeline;

import java.util.Locale;

/** The value of {@code x-hyperion-cache}. */
public enum CacheStatus {
  HIT,
  MISS,
  BYPASS;

  public String headerValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
