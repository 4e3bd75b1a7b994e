package ai.hyperion.policy;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.policy.PolicyStore.BudgetUsage;
import ai.hyperion.policy.PolicyStore.CandidateCost;
import ai.hyperion.policy.PolicyStore.Denied;
import ai.hyperion.policy.PolicyStore.Granted;
import ai.hyperion.policy.PolicyStore.ReserveCommand;
import ai.hyperion.policy.PolicyStore.ReserveResult;
import ai.hyperion.policy.Reservation.BudgetSlot;
import ai.hyperion.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The policy facade the pipeline calls: {@link #admit} reserves at every level at once (one
 * request, the estimated tokens, an in-flight slot and the worst-case cost) or refuses; {@link
 * #settle} charges what the call really used at the price of the model that served it; {@link
 * #release} frees a reservation that produced nothing. Settling and releasing are idempotent per
 * request id. Nothing here blocks: the store answers asynchronously.
 */
public class PolicyEngine {

  private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
  static final String NO_STORE = "none";

  private final PolicyStore store;
  private final Clock clock;
  private final Duration reservationTimeout;
  private final Consumer<BudgetThresholdCrossed> thresholdEvents;
  private final PolicyCounters counters;

  public PolicyEngine(
      PolicyStore store,
      Clock clock,
      Duration reservationTimeout,
      Consumer<BudgetThresholdCrossed> thresholdEvents,
      PolicyCounters counters) {
    this.store = store;
    this.clock = clock;
    this.reservationTimeout = reservationTimeout;
    this.thresholdEvents = thresholdEvents;
    this.counters = counters;
    store.onLateSettlement(this::afterSettle);
  }

  public PolicyCounters counters() {
    return counters;
  }

  public CompletionStage<PolicyDecision> admit(PolicyRequest request) {
    if (request.unpricedModel() != null) {
      counters.unpricedRefused.incrementAndGet();
      return CompletableFuture.completedFuture(
          new Refused(
              403,
              "model_not_priced",
              "The model '"
                  + request.unpricedModel()
                  + "' has no price in the gateway's catalog and no default price is configured,"
                  + " so its cost could not be accounted for. Ask your gateway operator to price"
                  + " it.",
              0,
              RateLimitHeaders.NONE));
    }
    Instant now = clock.instant();
    long nowMillis = now.toEpochMilli();
    List<LevelPolicy> limited = new ArrayList<>();
    Map<String, BudgetSlot> budgets = new LinkedHashMap<>();
    for (LevelPolicy level : request.levels()) {
      if (level.hasRateLimits()) {
        limited.add(level);
      }
      for (BudgetRule rule : level.budgets()) {
        budgets.putIfAbsent(rule.id(), new BudgetSlot(rule, rule.window(now)));
      }
    }
    List<Candidate> candidates = request.candidates();
    List<CandidateCost> costs =
        candidates.stream()
            .map(c -> new CandidateCost(c.tokens().rateLimitTokens(), c.worstCaseNanos()))
            .toList();
    long minute = Math.floorDiv(nowMillis, 60_000L);
    long deadline = nowMillis + reservationTimeout.toMillis();
    List<BudgetSlot> slots = List.copyOf(budgets.values());
    if (limited.isEmpty() && slots.isEmpty()) {
      counters.admitted.incrementAndGet();
      Candidate first = candidates.get(0);
      Reservation free =
          new Reservation(
              request.requestId(),
              NO_STORE,
              minute,
              Instant.ofEpochMilli(deadline),
              List.of(),
              List.of(),
              0,
              first,
              costs.get(0).rateTokens(),
              costs.get(0).worstCaseNanos());
      List<String> all = candidates.stream().map(Candidate::model).toList();
      return CompletableFuture.completedFuture(
          new Admitted(
              free,
              RateLimitHeaders.NONE,
              new BudgetSignal(first.model(), first.model(), all, null)));
    }
    ReserveCommand command =
        new ReserveCommand(request.requestId(), nowMillis, minute, deadline, limited, slots, costs);
    return store
        .reserve(command)
        .handle(
            (result, failure) -> {
              if (failure != null) {
                return unavailable(failure);
              }
              return decide(request, command, result, now);
            });
  }

  private PolicyDecision decide(
      PolicyRequest request, ReserveCommand command, ReserveResult result, Instant now) {
    RateLimitHeaders headers = headers(command, result, now);
    List<Candidate> candidates = request.candidates();
    List<String> fitting = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (result.fits().get(i)) {
        fitting.add(candidates.get(i).model());
      }
    }
    if (result instanceof Granted granted) {
      counters.admitted.incrementAndGet();
      int index = granted.candidateIndex();
      Candidate chosen = candidates.get(index);
      CandidateCost cost = command.candidates().get(index);
      Reservation reservation =
          new Reservation(
              command.id(),
              granted.store(),
              command.minute(),
              Instant.ofEpochMilli(command.deadlineMillis()),
              command.levels(),
              command.budgets(),
              index,
              chosen,
              cost.rateTokens(),
              cost.worstCaseNanos());
      String reason = null;
      if (index > 0) {
        counters.budgetFallbacks.incrementAndGet();
        reason = fallbackReason(command, granted, candidates, index);
      }
      return new Admitted(
          reservation,
          headers,
          new BudgetSignal(candidates.get(0).model(), chosen.model(), fitting, reason));
    }
    Denied denied = (Denied) result;
    return refusal(command, denied.breach(), candidates.get(0), headers, now);
  }

  private PolicyDecision refusal(
      ReserveCommand command,
      PolicyStore.Breach breach,
      Candidate requested,
      RateLimitHeaders headers,
      Instant now) {
    if (breach.dimension() == Dimension.BUDGET) {
      counters.budgetRefused.incrementAndGet();
      BudgetSlot slot = command.budgets().get(breach.index());
      BudgetRule rule = slot.rule();
      String owner =
          rule.subjectLevel() == null
              ? "referenced by your " + levelsReferencing(command, rule)
              : "of your " + rule.subjectLevel().label();
      String message =
          "Budget '"
              + (rule.name() == null ? rule.id() : rule.name())
              + "' ("
              + rule.id()
              + ") "
              + owner
              + " would be exceeded: "
              + Money.format(breach.used())
              + " of "
              + Money.format(breach.limit())
              + " spent or reserved "
              + periodPhrase(rule.period())
              + ", and this request to '"
              + requested.model()
              + "' may cost up to "
              + Money.format(requested.worstCaseNanos())
              + ". Lower max_tokens, use a cheaper model, or wait for the budget to reset.";
      return new Refused(429, "budget_exceeded", message, slot.window().secondsLeft(now), headers);
    }
    counters.rateLimited.incrementAndGet();
    LevelPolicy level = command.levels().get(breach.index());
    long retryAfter =
        breach.dimension() == Dimension.CONCURRENCY ? 1 : secondsToNextMinute(now.toEpochMilli());
    String message =
        switch (breach.dimension()) {
          case REQUESTS ->
              "Rate limit reached for requests per minute on your "
                  + level.level().label()
                  + " ("
                  + level.id()
                  + "): limit "
                  + breach.limit()
                  + ", used "
                  + breach.used()
                  + ". Retry after "
                  + retryAfter
                  + "s.";
          case TOKENS ->
              "Rate limit reached for tokens per minute on your "
                  + level.level().label()
                  + " ("
                  + level.id()
                  + "): limit "
                  + breach.limit()
                  + ", used "
                  + breach.used()
                  + ", requested "
                  + command.candidates().get(0).rateTokens()
                  + ". Retry after "
                  + retryAfter
                  + "s.";
          default ->
              "Too many concurrent requests on your "
                  + level.level().label()
                  + " ("
                  + level.id()
                  + "): limit "
                  + breach.limit()
                  + " in flight. Retry when one of your requests has finished.";
        };
    return new Refused(429, "rate_limit_exceeded", message, retryAfter, headers);
  }

  private static String levelsReferencing(ReserveCommand command, BudgetRule rule) {
    return command.levels().stream()
        .filter(l -> l.budgets().stream().anyMatch(b -> b.id().equals(rule.id())))
        .map(l -> l.level().label())
        .findFirst()
        .orElse("key");
  }

  private static String periodPhrase(BudgetPeriod period) {
    return switch (period) {
      case DAY -> "today";
      case WEEK -> "this week";
      case MONTH -> "this month";
      case TOTAL -> "in total";
    };
  }

  private static String fallbackReason(
      ReserveCommand command, Granted granted, List<Candidate> candidates, int index) {
    BudgetSlot tightest = null;
    long left = Long.MAX_VALUE;
    for (int i = 0; i < command.budgets().size(); i++) {
      BudgetSlot slot = command.budgets().get(i);
      BudgetUsage usage = granted.budgets().get(i);
      long remaining = slot.rule().amountNanos() - usage.spentNanos() - usage.reservedNanos();
      if (slot.rule().hardCutoff() && remaining < left) {
        left = remaining;
        tightest = slot;
      }
    }
    return "reason=budget; budget="
        + (tightest == null ? "-" : tightest.rule().id())
        + "; requested="
        + candidates.get(0).model()
        + "; requested_worst_case_usd="
        + Money.usd(candidates.get(0).worstCaseNanos()).toPlainString()
        + "; served="
        + candidates.get(index).model();
  }

  private PolicyDecision unavailable(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (!(cause instanceof StoreUnavailableException)) {
      LOG.log(Level.SEVERE, "The policy store failed unexpectedly", cause);
    }
    return new Refused(
        503,
        "policy_store_unavailable",
        "The gateway cannot check rate limits and budgets right now; retry shortly.",
        1,
        RateLimitHeaders.NONE);
  }

  /**
   * Charges the tokens and cost the served model really used ({@code pricing} is that model's
   * price: a fallback is charged at its own), and frees the reservation. A duplicate (same request
   * id) charges nothing and says so.
   */
  public CompletionStage<Settlement> settle(
      Reservation reservation, Usage actual, ModelPrice pricing) {
    long cost = pricing.costNanos(actual);
    long tokens = actual == null ? 0 : actual.totalTokens();
    if (pricing.source() == PriceSource.DEFAULT) {
      counters.defaultPriced.incrementAndGet();
    } else if (pricing.source() == PriceSource.REQUESTED) {
      counters.requestedPriced.incrementAndGet();
    }
    if (NO_STORE.equals(reservation.store())) {
      return CompletableFuture.completedFuture(
          new Settlement(reservation.id(), pricing.model(), cost, pricing.source(), false));
    }
    return store
        .settle(reservation, tokens, cost)
        .thenApply(
            result -> {
              afterSettle(reservation, result);
              return new Settlement(
                  reservation.id(), pricing.model(), cost, pricing.source(), result.duplicate());
            });
  }

  private void afterSettle(Reservation reservation, PolicyStore.SettleResult result) {
    if (result.duplicate()) {
      counters.duplicateSettlements.incrementAndGet();
    }
    for (int index : result.crossed()) {
      fireThreshold(reservation.budgets().get(index), result.budgets().get(index));
    }
  }

  /** Frees a reservation without charging (the call never reached a provider, or failed). */
  public CompletionStage<Boolean> release(Reservation reservation) {
    if (NO_STORE.equals(reservation.store())) {
      return CompletableFuture.completedFuture(true);
    }
    return store.release(reservation);
  }

  /** A budget's settled spend and in-flight reservations in its current period. */
  public CompletionStage<BudgetUsage> usage(BudgetRule rule) {
    return store.usage(new BudgetSlot(rule, rule.window(clock.instant())));
  }

  private void fireThreshold(BudgetSlot slot, BudgetUsage usage) {
    counters.thresholdEvents.incrementAndGet();
    BudgetRule rule = slot.rule();
    BudgetThresholdCrossed event =
        new BudgetThresholdCrossed(
            rule.id(),
            rule.orgId(),
            rule.name(),
            rule.subjectLevel(),
            rule.subjectId(),
            rule.period(),
            slot.window().key(),
            rule.softThresholdPercent(),
            Money.usd(rule.amountNanos()),
            Money.usd(usage.spentNanos()),
            clock.instant());
    try {
      thresholdEvents.accept(event);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "An observer of BudgetThresholdCrossed failed", e);
    }
  }

  private static RateLimitHeaders headers(
      ReserveCommand command, ReserveResult result, Instant now) {
    Duration reset = Duration.ofMillis(60_000L - Math.floorMod(now.toEpochMilli(), 60_000L));
    RateLimitHeaders.Window requests = null;
    RateLimitHeaders.Window tokens = null;
    for (int i = 0; i < command.levels().size(); i++) {
      LevelPolicy level = command.levels().get(i);
      PolicyStore.LevelUsage usage = result.levels().get(i);
      if (level.requestsPerMinute() != null) {
        long remaining = level.requestsPerMinute() - usage.requests();
        if (requests == null || remaining < requests.remaining()) {
          requests = new RateLimitHeaders.Window(level.requestsPerMinute(), remaining, reset);
        }
      }
      if (level.tokensPerMinute() != null) {
        long remaining = level.tokensPerMinute() - usage.tokens();
        if (tokens == null || remaining < tokens.remaining()) {
          tokens = new RateLimitHeaders.Window(level.tokensPerMinute(), remaining, reset);
        }
      }
    }
    return new RateLimitHeaders(requests, tokens);
  }

  private static long secondsToNextMinute(long nowMillis) {
    return Math.max(1, (60_000L - Math.floorMod(nowMillis, 60_000L) + 999) / 1000);
  }
}
