package ai.hyperion.routing.resilience;

/** A circuit breaker's state: calls flow, are refused, or a few probe whether to close again. */
public enum BreakerState {
  CLOSED,
  OPEN,
  HALF_OPEN
}
