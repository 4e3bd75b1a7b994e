package ai.hyperion.pipeline;

/** How the serving model was chosen; the value of {@code x-hyperion-route-mode}. */
public enum RouteMode {
  PASSTHROUGH,
  SMART,
  AUTO,
  FALLBACK,
  DEDICATED,
  CACHE;

  public String headerValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
