package ai.hyperion.alerting;

/** What an alert rule watches. */
public enum AlertKind {
  /** Spend in the window above {@code multiplier} × the average window of the baseline period. */
  SPEND_SPIKE,
  /** Spend in the window above {@code amountUsd}. */
  SPEND_ABOVE,
  /** Share of failed requests (5xx and 429) in the window above {@code errorRate}. */
  ERROR_RATE,
  /** A key used from a network (/24, /64) it was not used from in the baseline period. */
  NEW_NETWORK,
  /** A budget's soft threshold crossed (reported by the policy stage). */
  BUDGET_THRESHOLD
}
