package ai.hyperion.policy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * CDI event: a budget's settled spend reached its soft threshold in this period. Fired once per
 * budget and period across the whole cluster (on the instance whose settlement crossed it), from a
 * store thread: observers must not block (hand work to a queue).
 */
public record BudgetThresholdCrossed(
    String budgetId,
    String orgId,
    String budgetName,
    TenantLevel subjectLevel,
    String subjectId,
    BudgetPeriod period,
    String periodKey,
    int thresholdPercent,
    BigDecimal amountUsd,
    BigDecimal spentUsd,
    Instant at) {}
