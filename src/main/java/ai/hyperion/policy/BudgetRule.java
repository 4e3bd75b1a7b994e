package ai.hyperion.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A budget as the policy stage applies it (the hot-path copy of a {@link Budget} row). {@code
 * softThresholdPercent} is null when no alert is wanted; without {@code hardCutoff} the budget only
 * alerts and never refuses.
 */
public record BudgetRule(
    String id,
    String orgId,
    String name,
    long amountNanos,
    BudgetPeriod period,
    ZoneId zone,
    Integer softThresholdPercent,
    boolean hardCutoff,
    TenantLevel subjectLevel,
    String subjectId) {

  public BudgetRule {
    Objects.requireNonNull(id);
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(period);
    Objects.requireNonNull(zone);
  }

  public BudgetPeriod.Window window(Instant now) {
    return period.window(now, zone);
  }

  /** Spend at which the soft threshold is crossed, or -1 without one. */
  public long thresholdNanos() {
    if (softThresholdPercent == null) {
      return -1;
    }
    long percent = softThresholdPercent;
    return amountNanos / 100 * percent + amountNanos % 100 * percent / 100;
  }
}
