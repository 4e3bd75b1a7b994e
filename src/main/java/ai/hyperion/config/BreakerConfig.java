package ai.hyperion.config;

/**
 * The circuit breaker of each deployment: it opens after {@code failureThreshold} failures in a
 * row, or when at least {@code failureRatio} of the last {@code window} calls failed; stays open
 * {@code openSeconds}; then lets {@code halfOpenProbes} calls through, and closes when they all
 * succeed.
 */
public record BreakerConfig(
    Integer failureThreshold,
    Double failureRatio,
    Integer window,
    Integer openSeconds,
    Integer halfOpenProbes) {

  public static final BreakerConfig DEFAULT = new BreakerConfig(null, null, null, null, null);

  public BreakerConfig {
    failureThreshold = failureThreshold == null ? 5 : failureThreshold;
    failureRatio = failureRatio == null ? 0.5 : failureRatio;
    window = window == null ? 20 : window;
    openSeconds = openSeconds == null ? 30 : openSeconds;
    halfOpenProbes = halfOpenProbes == null ? 1 : halfOpenProbes;
  }
}
