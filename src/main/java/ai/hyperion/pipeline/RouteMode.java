package ai.hyperion.pipeline;

import java.util.Locale;

/** How the serving model was chosen; the value of {@code x-hyperion-route-mode}. */
public enum RouteMode {
  PASSTHROUGH,
  SMART,
  AUTO,
  FALLBACK,
  DEDICATED,
  CACHE;

  public String headerValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
