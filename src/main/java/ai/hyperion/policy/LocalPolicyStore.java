package ai.hyperion.policy;

import ai.hyperion.policy.Reservation.BudgetSlot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-process store: the embedded default (one instance), and the local limits a Redis-backed
 * gateway falls back to when Redis is unreachable and it is configured to fail open. Same semantics
 * as the Redis scripts; all state sits behind one lock (each operation is a few map look-ups).
 * Reservations not settled or released by their deadline are freed by a sweep.
 */
public final class LocalPolicyStore implements PolicyStore {

  static final long DONE_RETENTION_MILLIS = 24 * 3_600_000L;

  /**
   * The settled or freed reservations remembered, so that a duplicate charges nothing: the latest
   * 200,000 (a minute of 3,000 requests a second; a duplicate comes within seconds) at ~150 bytes
   * of old-generation heap each. A million of them held ~150 MiB of a 768 MiB heap under load and
   * made full collections ever more frequent.
   */
  static final int MAX_DONE = 200_000;

  private static final class LevelState {
    long minute = Long.MIN_VALUE;
    long requests;
    long tokens;
    long inFlight;

    void roll(long now) {
      if (minute != now) {
        minute = now;
        requests = 0;
        tokens = 0;
      }
    }
  }

  private static final class BudgetState {
    long spent;
    long reserved;
    boolean fired;
    final Long endMillis;

    BudgetState(Long endMillis) {
      this.endMillis = endMillis;
    }
  }

  private record Lease(
      String id,
      List<LevelPolicy> levels,
      List<BudgetSlot> budgets,
      long worstCaseNanos,
      long deadlineMillis) {}

  private record Done(boolean settled, long atMillis) {}

  private final String name;
  private final Clock clock;
  private final Map<String, LevelState> levels = new HashMap<>();
  private final Map<String, BudgetState> budgets = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final PriorityQueue<Lease> byDeadline =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadlineMillis(), b.deadlineMillis()));
  private final LinkedHashMap<String, Done> done = new LinkedHashMap<>();

  public LocalPolicyStore(Clock clock) {
    this("local", clock);
  }

  LocalPolicyStore(String name, Clock clock) {
    this.name = name;
    this.clock = clock;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletionStage<ReserveResult> reserve(ReserveCommand command) {
    return CompletableFuture.completedFuture(reserveNow(command));
  }

  /** Reserves synchronously: the lock is held for a few map operations only. */
  public synchronized ReserveResult reserveNow(ReserveCommand command) {
    sweep(command.nowMillis());
    List<LevelState> states = new ArrayList<>();
    for (LevelPolicy level : command.levels()) {
      LevelState state = levels.computeIfAbsent(Reservation.levelKey(level), k -> new LevelState());
      state.roll(command.minute());
      states.add(state);
    }
    List<BudgetState> budgetStates = new ArrayList<>();
    for (BudgetSlot slot : command.budgets()) {
      budgetStates.add(budget(slot));
    }
    List<Boolean> fits = new ArrayList<>();
    for (CandidateCost candidate : command.candidates()) {
      fits.add(budgetBreach(command.budgets(), budgetStates, candidate) == null);
    }
    for (int i = 0; i < command.candidates().size(); i++) {
      CandidateCost candidate = command.candidates().get(i);
      if (fits.get(i) && levelBreach(command.levels(), states, candidate) == null) {
        for (int l = 0; l < states.size(); l++) {
          LevelPolicy level = command.levels().get(l);
          LevelState state = states.get(l);
          state.requests++;
          state.tokens += candidate.rateTokens();
          if (level.maxConcurrentRequests() != null) {
            state.inFlight++;
          }
        }
        for (BudgetState state : budgetStates) {
          state.reserved += candidate.worstCaseNanos();
        }
        Lease lease =
            new Lease(
                command.id(),
                command.levels(),
                command.budgets(),
                candidate.worstCaseNanos(),
                command.deadlineMillis());
        leases.put(command.id(), lease);
        byDeadline.add(lease);
        return new Granted(name, i, usages(states), fits, budgetUsages(budgetStates));
      }
    }
    CandidateCost requested = command.candidates().get(0);
    Breach breach = levelBreach(command.levels(), states, requested);
    if (breach == null) {
      breach = budgetBreach(command.budgets(), budgetStates, requested);
    }
    return new Denied(breach, usages(states), fits);
  }

  @Override
  public synchronized CompletionStage<SettleResult> settle(
      Reservation reservation, long actualTokens, long costNanos) {
    sweep(clock.millis());
    Done marker = done.get(reservation.id());
    List<BudgetState> budgetStates = new ArrayList<>();
    for (BudgetSlot slot : reservation.budgets()) {
      budgetStates.add(budget(slot));
    }
    if (marker != null && marker.settled()) {
      return CompletableFuture.completedFuture(
          new SettleResult(true, List.of(), budgetUsages(budgetStates)));
    }
    if (marker == null) {
      free(reservation.id());
    }
    for (LevelPolicy level : reservation.levels()) {
      LevelState state = levels.get(Reservation.levelKey(level));
      if (state != null && state.minute == reservation.minute()) {
        state.tokens = Math.max(0, state.tokens + actualTokens - reservation.rateTokens());
      }
    }
    List<Integer> crossed = new ArrayList<>();
    for (int i = 0; i < budgetStates.size(); i++) {
      BudgetState state = budgetStates.get(i);
      state.spent += costNanos;
      long threshold = reservation.budgets().get(i).rule().thresholdNanos();
      if (threshold >= 0 && !state.fired && state.spent >= threshold) {
        state.fired = true;
        crossed.add(i);
      }
    }
    markDone(reservation.id(), true);
    return CompletableFuture.completedFuture(
        new SettleResult(false, crossed, budgetUsages(budgetStates)));
  }

  @Override
  public synchronized CompletionStage<Boolean> release(Reservation reservation) {
    sweep(clock.millis());
    if (done.containsKey(reservation.id())) {
      return CompletableFuture.completedFuture(false);
    }
    free(reservation.id());
    markDone(reservation.id(), false);
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<BudgetUsage> usage(BudgetSlot slot) {
    BudgetState state = budgets.get(slot.key());
    return CompletableFuture.completedFuture(
        state == null ? new BudgetUsage(0, 0) : new BudgetUsage(state.spent, state.reserved));
  }

  @Override
  public void close() {
    // Nothing to free: the state is garbage once the store is.
  }

  private BudgetState budget(BudgetSlot slot) {
    return budgets.computeIfAbsent(
        slot.key(),
        k ->
            new BudgetState(
                slot.window().end() == null ? null : slot.window().end().toEpochMilli()));
  }

  /** Frees what a reservation holds, once: the lease is the record of what that is. */
  private void free(String id) {
    Lease lease = leases.remove(id);
    if (lease == null) {
      return;
    }
    byDeadline.remove(lease);
    for (LevelPolicy level : lease.levels()) {
      LevelState state = levels.get(Reservation.levelKey(level));
      if (state != null && level.maxConcurrentRequests() != null) {
        state.inFlight = Math.max(0, state.inFlight - 1);
      }
    }
    for (BudgetSlot slot : lease.budgets()) {
      BudgetState state = budgets.get(slot.key());
      if (state != null) {
        state.reserved = Math.max(0, state.reserved - lease.worstCaseNanos());
      }
    }
  }

  private void markDone(String id, boolean settled) {
    done.put(id, new Done(settled, clock.millis()));
  }

  /** Frees reservations past their deadline and forgets old settlements and budget periods. */
  private void sweep(long now) {
    while (!byDeadline.isEmpty() && byDeadline.peek().deadlineMillis() < now) {
      Lease expired = byDeadline.poll();
      if (leases.get(expired.id()) == expired) {
        free(expired.id());
        markDone(expired.id(), false);
      }
    }
    Iterator<Map.Entry<String, Done>> oldest = done.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<String, Done> entry = oldest.next();
      if (done.size() <= MAX_DONE && entry.getValue().atMillis() > now - DONE_RETENTION_MILLIS) {
        break;
      }
      oldest.remove();
    }
    if (budgets.size() > 10_000) {
      budgets
          .values()
          .removeIf(
              b ->
                  b.endMillis != null
                      && b.endMillis < now - DONE_RETENTION_MILLIS
                      && b.reserved == 0);
    }
  }

  private static Breach levelBreach(
      List<LevelPolicy> levels, List<LevelState> states, CandidateCost candidate) {
    for (int i = 0; i < levels.size(); i++) {
      LevelPolicy level = levels.get(i);
      LevelState state = states.get(i);
      Integer rpm = level.requestsPerMinute();
      if (rpm != null && state.requests + 1 > rpm) {
        return new Breach(Dimension.REQUESTS, i, rpm, state.requests);
      }
      Integer tpm = level.tokensPerMinute();
      if (tpm != null && state.tokens + candidate.rateTokens() > tpm) {
        return new Breach(Dimension.TOKENS, i, tpm, state.tokens);
      }
      Integer concurrency = level.maxConcurrentRequests();
      if (concurrency != null && state.inFlight + 1 > concurrency) {
        return new Breach(Dimension.CONCURRENCY, i, concurrency, state.inFlight);
      }
    }
    return null;
  }

  private static Breach budgetBreach(
      List<BudgetSlot> slots, List<BudgetState> states, CandidateCost candidate) {
    for (int i = 0; i < slots.size(); i++) {
      BudgetRule rule = slots.get(i).rule();
      BudgetState state = states.get(i);
      if (rule.hardCutoff()
          && state.spent + state.reserved + candidate.worstCaseNanos() > rule.amountNanos()) {
        return new Breach(Dimension.BUDGET, i, rule.amountNanos(), state.spent + state.reserved);
      }
    }
    return null;
  }

  private static List<LevelUsage> usages(List<LevelState> states) {
    return states.stream().map(s -> new LevelUsage(s.requests, s.tokens, s.inFlight)).toList();
  }

  private static List<BudgetUsage> budgetUsages(List<BudgetState> states) {
    return states.stream().map(s -> new BudgetUsage(s.spent, s.reserved)).toList();
  }
}
