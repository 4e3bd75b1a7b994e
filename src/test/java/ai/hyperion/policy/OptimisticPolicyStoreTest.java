package ai.hyperion.policy;

import static ai.hyperion.policy.PolicyFixtures.BIG;
import static ai.hyperion.policy.PolicyFixtures.key;
import static ai.hyperion.policy.PolicyFixtures.request;
import static ai.hyperion.policy.PolicyFixtures.standard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.policy.Reservation.BudgetSlot;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The policy contract with reservations granted ahead of the exact store's answer (over the
 * in-process store, which answers at once), and the stated bound when two instances grant ahead
 * while the shared store has not answered yet.
 */
class OptimisticPolicyStoreTest extends PolicyStoreContract {

  private final PolicyCounters counters = new PolicyCounters();

  @Override
  PolicyStore openStore(MutableClock clock) {
    return new OptimisticPolicyStore(
        new LocalPolicyStore(clock), 8, Duration.ofSeconds(1), clock, counters);
  }

  @Override
  void closeStore() {}

  @Test
  void afterTheFirstAnswerRequestsAreGrantedAheadAndTheLimitStillHolds() {
    List<LevelPolicy> levels = List.of(key("key_ahead", 5, null, null));
    for (int i = 0; i < 5; i++) {
      Admitted ok = admitted(request(levels, standard()));
      assertEquals(
          String.valueOf(4 - i), ok.rateLimits().asMap().get("x-ratelimit-remaining-requests"));
      settle(ok, 0);
    }
    assertEquals(4, counters.admittedAhead.get(), "all but the first were granted ahead");
    refused(request(levels, standard()));

    clock.advance(Duration.ofSeconds(61));
    admitted(request(levels, standard()));
    assertEquals(4, counters.admittedAhead.get(), "a new minute is asked of the store first");
  }

  @Test
  void twoInstancesAdmitAtMostTheirUnansweredGrantsBeyondALimitAndChargeThemAll() {
    HeldAnswers shared = new HeldAnswers(new LocalPolicyStore(clock));
    PolicyCounters countersA = new PolicyCounters();
    PolicyCounters countersB = new PolicyCounters();
    PolicyEngine a = engine(shared, countersA);
    PolicyEngine b = engine(shared, countersB);
    List<LevelPolicy> levels = List.of(key("key_bound", 4, null, null));

    // Each instance learns the count from one answered request: 1, then 2 of 4 used.
    List<Admitted> admitted = new ArrayList<>();
    for (PolicyEngine gateway : List.of(a, b)) {
      CompletionStage<PolicyDecision> warm = gateway.admit(request(levels, standard()));
      shared.answerAll();
      admitted.add(assertInstanceOf(Admitted.class, warm.toCompletableFuture().join()));
    }

    // Five requests on each while the shared store answers nothing.
    List<CompletableFuture<PolicyDecision>> waiting = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (PolicyEngine gateway : List.of(a, b)) {
        CompletableFuture<PolicyDecision> decision =
            gateway.admit(request(levels, standard())).toCompletableFuture();
        if (decision.isDone()) {
          admitted.add(assertInstanceOf(Admitted.class, decision.join()));
        } else {
          waiting.add(decision);
        }
      }
    }
    long ahead = countersA.admittedAhead.get() + countersB.admittedAhead.get();
    assertEquals(4, ahead, "two unanswered grants per instance, no more");
    shared.answerAll();
    for (CompletableFuture<PolicyDecision> decision : waiting) {
      assertInstanceOf(Refused.class, decision.join(), "the store had no room left");
    }

    long overshoots = countersA.aheadOvershoots.get() + countersB.aheadOvershoots.get();
    assertEquals(6, admitted.size());
    assertTrue(admitted.size() <= 4 + 2 * 2, "limit + instances x unanswered grants");
    assertEquals(admitted.size() - 4, overshoots, "each admission beyond the limit is counted");
    for (Admitted ok : admitted) {
      Settlement settlement =
          a.settle(ok.reservation(), new Usage(10, 10), BIG).toCompletableFuture().join();
      assertFalse(settlement.duplicate(), "every admitted request is charged once");
    }
  }

  private PolicyEngine engine(PolicyStore shared, PolicyCounters counters) {
    return new PolicyEngine(
        new OptimisticPolicyStore(shared, 2, Duration.ofSeconds(1), clock, counters),
        clock,
        Duration.ofMinutes(15),
        e -> {},
        counters);
  }

  /** A shared store whose reservations are answered only when the test says so, in order. */
  private static final class HeldAnswers implements PolicyStore {
    private record Held(ReserveCommand command, CompletableFuture<ReserveResult> answer) {}

    private final PolicyStore store;
    private final List<Held> held = new ArrayList<>();

    HeldAnswers(PolicyStore store) {
      this.store = store;
    }

    synchronized void answerAll() {
      for (Held h : held) {
        store.reserve(h.command()).thenAccept(h.answer()::complete);
      }
      held.clear();
    }

    @Override
    public String name() {
      return store.name();
    }

    @Override
    public synchronized CompletionStage<ReserveResult> reserve(ReserveCommand command) {
      CompletableFuture<ReserveResult> answer = new CompletableFuture<>();
      held.add(new Held(command, answer));
      return answer;
    }

    @Override
    public CompletionStage<SettleResult> settle(
        Reservation reservation, long actualTokens, long costNanos) {
      return store.settle(reservation, actualTokens, costNanos);
    }

    @Override
    public CompletionStage<Boolean> release(Reservation reservation) {
      return store.release(reservation);
    }

    @Override
    public CompletionStage<BudgetUsage> usage(BudgetSlot budget) {
      return store.usage(budget);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
