package ai.hyperion.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an admission holds until it is settled or released: one request in the minute window {@code
 * minute} at every limited level, {@code rateTokens} tokens against each tokens-per-minute limit,
 * an in-flight slot at each level with a concurrency limit, and {@code worstCaseNanos} against
 * every budget in its current period. It carries everything settlement needs, so settling does not
 * depend on the store remembering it; {@code store} names the store that issued it. Held by the
 * pipeline; settle or release it exactly once (both are idempotent per {@code id}).
 */
public record Reservation(
    String id,
    String store,
    long minute,
    Instant deadline,
    List<LevelPolicy> levels,
    List<BudgetSlot> budgets,
    int candidateIndex,
    Candidate candidate,
    long rateTokens,
    long worstCaseNanos) {

  public Reservation {
    Objects.requireNonNull(id);
    Objects.requireNonNull(store);
    levels = List.copyOf(levels);
    budgets = List.copyOf(budgets);
  }

  /** A budget in the period the reservation was taken in. */
  public record BudgetSlot(BudgetRule rule, BudgetPeriod.Window window) {

    /** The store's key of this budget period: stable while the budget and period are. */
    public String key() {
      return rule.id() + ":" + window.key();
    }
  }

  /** A store key for a level's counters. */
  static String levelKey(LevelPolicy level) {
    return level.level().name() + ":" + level.id();
  }
}
