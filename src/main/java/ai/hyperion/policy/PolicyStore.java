package ai.hyperion.policy;

import ai.hyperion.policy.Reservation.BudgetSlot;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Where limits and budgets are counted: in this process ({@link LocalPolicyStore}) or shared by
 * every instance in Redis ({@link RedissonPolicyStore}). A reservation is all or nothing across
 * every level and budget; settlement and release are idempotent per reservation id (a duplicate
 * charges nothing; a settlement after a release still charges the cost, so nothing is skipped).
 * Implementations never block the caller: answers complete later on the store's own threads.
 */
public interface PolicyStore extends AutoCloseable {

  /** Short name recorded in each {@link Reservation} ("local", "redis"). */
  String name();

  /**
   * Reserves for the first candidate that fits every limit and budget, or reports the first limit
   * the requested model (candidate 0) breaks. Counts only what {@code command} says is limited.
   */
  CompletionStage<ReserveResult> reserve(ReserveCommand command);

  /** Charges the actual tokens and cost, and frees what the reservation held. */
  CompletionStage<SettleResult> settle(Reservation reservation, long actualTokens, long costNanos);

  /** Frees what the reservation held without charging; false when it was already settled/freed. */
  CompletionStage<Boolean> release(Reservation reservation);

  /** A budget's settled spend and in-flight reservations in one period. */
  CompletionStage<BudgetUsage> usage(BudgetSlot budget);

  /**
   * Where settlements that complete later report (replayed after an outage, with their soft
   * threshold crossings); stores that never settle late ignore it.
   */
  default void onLateSettlement(BiConsumer<Reservation, SettleResult> listener) {}

  @Override
  void close();

  /** What a store is asked to reserve; built by {@link PolicyEngine}. */
  record ReserveCommand(
      String id,
      long nowMillis,
      long minute,
      long deadlineMillis,
      List<LevelPolicy> levels,
      List<BudgetSlot> budgets,
      List<CandidateCost> candidates) {
    public ReserveCommand {
      levels = List.copyOf(levels);
      budgets = List.copyOf(budgets);
      candidates = List.copyOf(candidates);
    }
  }

  /** A candidate's tokens for per-minute limits and worst-case cost for budgets. */
  record CandidateCost(long rateTokens, long worstCaseNanos) {}

  /** A level's counters after the operation (this minute's requests and tokens, in flight). */
  record LevelUsage(long requests, long tokens, long inFlight) {}

  /** A budget period's settled spend and in-flight reservations, in nano-dollars. */
  record BudgetUsage(long spentNanos, long reservedNanos) {}

  /** Which limit refused: {@code index} is the level's (or, for BUDGET, the budget slot's). */
  record Breach(Dimension dimension, int index, long limit, long used) {}

  /** The outcome of a reservation. */
  sealed interface ReserveResult {
    List<LevelUsage> levels();

    /** Per candidate, whether its worst-case cost fits every hard budget. */
    List<Boolean> fits();
  }

  /** Reserved for candidate {@code candidateIndex}; {@code store} is the store that holds it. */
  record Granted(
      String store,
      int candidateIndex,
      List<LevelUsage> levels,
      List<Boolean> fits,
      List<BudgetUsage> budgets)
      implements ReserveResult {}

  record Denied(Breach breach, List<LevelUsage> levels, List<Boolean> fits)
      implements ReserveResult {}

  /**
   * The outcome of a settlement: whether it was a duplicate (nothing charged), which budget slots
   * crossed their soft threshold with this charge (index into the reservation's budgets; reported
   * once per period, cluster-wide), and each budget's usage after it.
   */
  record SettleResult(boolean duplicate, List<Integer> crossed, List<BudgetUsage> budgets) {}
}
