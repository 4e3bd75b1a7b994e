package ai.hyperion.policy;

import java.util.List;
import java.util.Objects;

/**
 * What one level of the caller (its key, user, team or org) is limited to: requests and tokens per
 * minute and requests in flight (null = no limit), and the budgets that apply to it.
 */
public record LevelPolicy(
    TenantLevel level,
    String id,
    Integer requestsPerMinute,
    Integer tokensPerMinute,
    Integer maxConcurrentRequests,
    List<BudgetRule> budgets) {

  public LevelPolicy {
    Objects.requireNonNull(level);
    Objects.requireNonNull(id);
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
  }

  public boolean hasRateLimits() {
    return requestsPerMinute != null || tokensPerMinute != null || maxConcurrentRequests != null;
  }
}
