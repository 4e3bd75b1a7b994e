package ai.hyperion.policy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The policy stage's counters, shared across threads as atomics; {@link PolicyMetrics} publishes
 * them to MicroProfile Metrics and tests read them directly.
 */
public final class PolicyCounters {

  public final AtomicLong admitted = new AtomicLong();
  public final AtomicLong rateLimited = new AtomicLong();
  public final AtomicLong budgetRefused = new AtomicLong();
  public final AtomicLong budgetFallbacks = new AtomicLong();
  public final AtomicLong unpricedRefused = new AtomicLong();
  public final AtomicLong defaultPriced = new AtomicLong();

  /** Settlements of a served model without a price, charged at the requested model's price. */
  public final AtomicLong requestedPriced = new AtomicLong();

  public final AtomicLong duplicateSettlements = new AtomicLong();
  public final AtomicLong thresholdEvents = new AtomicLong();

  /** Requests that could not use Redis: answered by local limits (open) or refused (closed). */
  public final AtomicLong storeUnavailable = new AtomicLong();

  /** Settlements that waited too long for Redis to come back and were dropped from the queue. */
  public final AtomicLong replaysDropped = new AtomicLong();

  /** Reservations granted ahead of the shared store's answer ({@link OptimisticPolicyStore}). */
  public final AtomicLong admittedAhead = new AtomicLong();

  /** Of those, the ones the shared store then refused (admitted beyond a limit, still charged). */
  public final AtomicLong aheadOvershoots = new AtomicLong();

  /** Times Redis became unreachable (each logged once). */
  public final AtomicLong storeOutages = new AtomicLong();
}
