package ai.hyperion.alerting;

import java.time.Instant;
import java.util.Objects;

/**
 * A budget's soft threshold was crossed (the policy stage's event, handed to {@link
 * AlertEvaluator#budgetThresholdCrossed}).
 *
 * @param scope who the budget belongs to, e.g. {@code org}, {@code team:team_x}, {@code
 *     key:Ab12cd34}
 * @param thresholdPercent the soft threshold crossed, e.g. 80
 */
public record BudgetThresholdCrossed(
    String orgId,
    String budgetRef,
    String scope,
    int thresholdPercent,
    double spentUsd,
    double limitUsd,
    Instant at) {

  public BudgetThresholdCrossed {
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(budgetRef);
    Objects.requireNonNull(at);
  }
}
