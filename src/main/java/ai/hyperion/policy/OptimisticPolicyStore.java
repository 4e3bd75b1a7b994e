package ai.hyperion.policy;

import ai.hyperion.policy.Reservation.BudgetSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Takes the shared store off the request path: a reservation is granted at once when what this
 * instance last heard from the store (at most {@code fresh} ago), plus what it granted since
 * without an answer, leaves room under every limit and hard budget; the exact reservation is sent
 * at the same time and its answer refreshes what this instance knows. Otherwise the request waits
 * for the exact store, as without this class. Settlement and release of a reservation granted ahead
 * wait for the exact answer, so they reach the store after the reservation they free.
 *
 * <p>Bound: at most {@code maxUnconfirmed} reservations per instance are ever outstanding without
 * an answer, and once the store refuses one of them this instance stops granting ahead for that
 * limit or budget. So the cluster may admit up to (instances × maxUnconfirmed) requests beyond a
 * per-minute or concurrency limit, and spend up to (instances × maxUnconfirmed × a request's worst
 * case) beyond a hard budget, in the moment the limit is reached. Everything admitted is charged: a
 * request the store refused after it was admitted ahead is still settled at its real cost (counted
 * in {@link PolicyCounters#aheadOvershoots}).
 */
public final class OptimisticPolicyStore implements PolicyStore {

  private record LevelSeen(long minute, LevelUsage usage, long atMillis) {}

  private record BudgetSeen(BudgetUsage usage, long atMillis) {}

  /** What this instance granted ahead under one key and the exact store has not answered. */
  private static final class Unanswered {
    long requests;
    long tokens;
    long inFlight;
    long nanos;

    boolean empty() {
      return requests == 0 && tokens == 0 && inFlight == 0 && nanos == 0;
    }
  }

  /** Where the exact store holds a reservation granted ahead; null store: nowhere (refused). */
  private record Answer(String store) {}

  private final PolicyStore exact;
  private final int maxUnconfirmed;
  private final long freshMillis;
  private final Clock clock;
  private final PolicyCounters counters;
  private final Map<String, LevelSeen> levels = new HashMap<>();
  private final Map<String, BudgetSeen> budgets = new HashMap<>();
  private final Map<String, Unanswered> unanswered = new HashMap<>();
  private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
  private int outstanding;

  public OptimisticPolicyStore(
      PolicyStore exact, int maxUnconfirmed, Duration fresh, Clock clock, PolicyCounters counters) {
    this.exact = exact;
    this.maxUnconfirmed = maxUnconfirmed;
    this.freshMillis = fresh.toMillis();
    this.clock = clock;
    this.counters = counters;
  }

  @Override
  public String name() {
    return exact.name();
  }

  @Override
  public void onLateSettlement(BiConsumer<Reservation, SettleResult> listener) {
    exact.onLateSettlement(listener);
  }

  @Override
  public CompletionStage<ReserveResult> reserve(ReserveCommand command) {
    Granted ahead = null;
    if (!(exact instanceof FailoverPolicyStore failover && failover.outage())) {
      synchronized (this) {
        ahead = grantAhead(command);
        if (ahead != null) {
          count(command, 1);
        }
      }
    }
    if (ahead == null) {
      return exact.reserve(command).thenApply(result -> learned(command, result));
    }
    counters.admittedAhead.incrementAndGet();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    answers.put(command.id(), answer);
    exact
        .reserve(command)
        .whenComplete(
            (result, failure) -> {
              synchronized (this) {
                count(command, -1);
              }
              String heldBy = null;
              if (failure == null) {
                learned(command, result);
                if (result instanceof Granted granted) {
                  heldBy = granted.store();
                }
              }
              if (heldBy == null) {
                counters.aheadOvershoots.incrementAndGet();
              }
              answer.complete(new Answer(heldBy));
              answers.remove(command.id());
            });
    return CompletableFuture.completedFuture(ahead);
  }

  @Override
  public CompletionStage<SettleResult> settle(
      Reservation reservation, long actualTokens, long costNanos) {
    CompletableFuture<Answer> answer = answers.get(reservation.id());
    if (answer == null) {
      return settled(reservation, actualTokens, costNanos);
    }
    return answer.thenCompose(a -> settled(asAnswered(reservation, a), actualTokens, costNanos));
  }

  @Override
  public CompletionStage<Boolean> release(Reservation reservation) {
    CompletableFuture<Answer> answer = answers.get(reservation.id());
    if (answer == null) {
      return exact.release(reservation);
    }
    return answer.thenCompose(a -> exact.release(asAnswered(reservation, a)));
  }

  @Override
  public CompletionStage<BudgetUsage> usage(BudgetSlot budget) {
    return exact.usage(budget);
  }

  @Override
  public void close() {
    exact.close();
  }

  private CompletionStage<SettleResult> settled(
      Reservation reservation, long actualTokens, long costNanos) {
    return exact
        .settle(reservation, actualTokens, costNanos)
        .thenApply(
            result -> {
              synchronized (this) {
                long now = clock.millis();
                for (int i = 0; i < result.budgets().size(); i++) {
                  budgets.put(
                      reservation.budgets().get(i).key(),
                      new BudgetSeen(result.budgets().get(i), now));
                }
              }
              return result;
            });
  }

  /**
   * The reservation as the exact store holds it: in the store that answered (the local one during a
   * Redis outage); when it refused, with no tokens counted ahead (it counted none) so that the
   * settlement adds the real ones.
   */
  private static Reservation asAnswered(Reservation r, Answer answer) {
    boolean refused = answer.store() == null;
    return new Reservation(
        r.id(),
        refused ? r.store() : answer.store(),
        r.minute(),
        r.deadline(),
        r.levels(),
        r.budgets(),
        r.candidateIndex(),
        r.candidate(),
        refused ? 0 : r.rateTokens(),
        r.worstCaseNanos());
  }

  /** A grant for the requested model (candidate 0) from what is known, or null to ask the store. */
  private Granted grantAhead(ReserveCommand command) {
    if (outstanding >= maxUnconfirmed || command.candidates().isEmpty()) {
      return null;
    }
    long now = clock.millis();
    CandidateCost cost = command.candidates().get(0);
    List<LevelUsage> after = new ArrayList<>();
    for (LevelPolicy level : command.levels()) {
      String key = levelKey(level);
      LevelSeen seen = levels.get(key);
      if (seen == null || now - seen.atMillis() > freshMillis) {
        return null;
      }
      Unanswered ahead = unanswered.getOrDefault(key, new Unanswered());
      boolean sameMinute = seen.minute() == command.minute();
      long requests = (sameMinute ? seen.usage().requests() : 0) + ahead.requests + 1;
      long tokens = (sameMinute ? seen.usage().tokens() : 0) + ahead.tokens + cost.rateTokens();
      long inFlight = seen.usage().inFlight() + ahead.inFlight;
      if (level.maxConcurrentRequests() != null) {
        inFlight++;
      }
      if (over(level.requestsPerMinute(), requests)
          || over(level.tokensPerMinute(), tokens)
          || over(level.maxConcurrentRequests(), inFlight)) {
        return null;
      }
      after.add(new LevelUsage(requests, tokens, inFlight));
    }
    List<BudgetUsage> budgetsAfter = new ArrayList<>();
    List<Long> used = new ArrayList<>();
    for (BudgetSlot slot : command.budgets()) {
      BudgetSeen seen = budgets.get(slot.key());
      if (seen == null || now - seen.atMillis() > freshMillis) {
        return null;
      }
      long ahead = unanswered.getOrDefault(budgetKey(slot), new Unanswered()).nanos;
      long reserved = seen.usage().reservedNanos() + ahead;
      used.add(seen.usage().spentNanos() + reserved);
      budgetsAfter.add(
          new BudgetUsage(seen.usage().spentNanos(), reserved + cost.worstCaseNanos()));
    }
    List<Boolean> fits = new ArrayList<>();
    for (CandidateCost candidate : command.candidates()) {
      fits.add(fits(command.budgets(), used, candidate.worstCaseNanos()));
    }
    if (!fits.get(0)) {
      return null;
    }
    return new Granted(exact.name(), 0, after, fits, budgetsAfter);
  }

  private static boolean fits(List<BudgetSlot> slots, List<Long> used, long worstCaseNanos) {
    for (int i = 0; i < slots.size(); i++) {
      BudgetRule rule = slots.get(i).rule();
      if (rule.hardCutoff() && used.get(i) + worstCaseNanos > rule.amountNanos()) {
        return false;
      }
    }
    return true;
  }

  private static boolean over(Integer limit, long value) {
    return limit != null && value > limit;
  }

  /** Adds ({@code sign} 1) or removes (-1) a reservation granted ahead from the unanswered. */
  private void count(ReserveCommand command, int sign) {
    outstanding += sign;
    CandidateCost cost = command.candidates().get(0);
    for (LevelPolicy level : command.levels()) {
      Unanswered ahead = unanswered.computeIfAbsent(levelKey(level), k -> new Unanswered());
      ahead.requests += sign;
      ahead.tokens += sign * cost.rateTokens();
      if (level.maxConcurrentRequests() != null) {
        ahead.inFlight += sign;
      }
      forgetIfEmpty(levelKey(level), ahead);
    }
    for (BudgetSlot slot : command.budgets()) {
      Unanswered ahead = unanswered.computeIfAbsent(budgetKey(slot), k -> new Unanswered());
      ahead.nanos += sign * cost.worstCaseNanos();
      forgetIfEmpty(budgetKey(slot), ahead);
    }
  }

  private void forgetIfEmpty(String key, Unanswered ahead) {
    if (ahead.empty()) {
      unanswered.remove(key);
    }
  }

  /** Remembers the usage the exact store reported with its answer. */
  private ReserveResult learned(ReserveCommand command, ReserveResult result) {
    long now = clock.millis();
    synchronized (this) {
      for (int i = 0; i < result.levels().size() && i < command.levels().size(); i++) {
        levels.put(
            levelKey(command.levels().get(i)),
            new LevelSeen(command.minute(), result.levels().get(i), now));
      }
      if (result instanceof Granted granted) {
        for (int i = 0; i < granted.budgets().size(); i++) {
          budgets.put(
              command.budgets().get(i).key(), new BudgetSeen(granted.budgets().get(i), now));
        }
      } else if (result instanceof Denied denied
          && denied.breach().dimension() == Dimension.BUDGET) {
        // Full: no grant ahead for this budget until the store reports room again.
        budgets.put(
            command.budgets().get(denied.breach().index()).key(),
            new BudgetSeen(new BudgetUsage(denied.breach().limit(), 0), now));
      }
    }
    return result;
  }

  private static String levelKey(LevelPolicy level) {
    return "l:" + Reservation.levelKey(level);
  }

  private static String budgetKey(BudgetSlot slot) {
    return "b:" + slot.key();
  }
}
