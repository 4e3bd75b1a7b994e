package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.api.RedissonClient;

/**
 * Two gateways (two stores, each with its own Redis connection) race 200 concurrent requests
 * against one budget that holds about 50 worst cases. The stated bound: settled spend never exceeds
 * the budget by more than what calls used beyond their reserved worst case (here up to 10% of the
 * calls that ran over their estimate); the settled amounts, Redis's spend and the usage ledger
 * agree to the nano-dollar, and duplicate settlements charge nothing.
 */
class TwoGatewayRaceTest {

  /**
   * {@code ahead} 0: every reservation waits for Redis; 8: up to 8 per gateway are granted ahead of
   * its answer ({@link OptimisticPolicyStore}), which widens the bound by 2 × 8 worst cases.
   */
  @ParameterizedTest(name = "granted ahead: {0}")
  @ValueSource(ints = {0, 8})
  void twoHundredConcurrentRequestsOnOneBudgetNeverOverspend(int ahead) throws Exception {
    RedissonClient first = TestRedis.connect();
    RedissonClient second = TestRedis.connect();
    String prefix = TestRedis.uniquePrefix();
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try (TestDatabase db = TestDatabase.derby()) {
      PolicyCounters counters = new PolicyCounters();
      PolicyEngine a = engine(first, prefix, counters, ahead);
      PolicyEngine b = engine(second, prefix, counters, ahead);
      // Worst case per request: 1,000 prompt + 1,000 output tokens of gpt-4o = $0.0125.
      long worst = PolicyFixtures.standard().worstCaseNanos();
      BudgetRule rule =
          new BudgetRule(
              "bud_race_" + prefix.substring(prefix.length() - 8),
              "org_race",
              "race",
              50 * worst,
              BudgetPeriod.TOTAL,
              ZoneOffset.UTC,
              null,
              true,
              TenantLevel.KEY,
              "key_race");
      LedgerWriter ledger = new LedgerWriter(db, 1_000, 100);
      AtomicLong settled = new AtomicLong();
      AtomicLong overEstimate = new AtomicLong();
      AtomicLong usageTimesPrice = new AtomicLong();
      AtomicInteger admitted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      Race race =
          (n, gateway, other) -> {
            PolicyRequest request =
                PolicyFixtures.request(
                    List.of(PolicyFixtures.level(TenantLevel.KEY, "key_race", null, rule)),
                    PolicyFixtures.standard());
            PolicyDecision decision =
                gateway.admit(request).toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (decision instanceof Refused no) {
              assertEquals("budget_exceeded", no.code());
              refused.incrementAndGet();
              return;
            }
            admitted.incrementAndGet();
            Reservation reservation = ((Admitted) decision).reservation();
            // Answers of 500 to 1,100 output tokens: some run past the 1,000 estimated.
            Usage usage = new Usage(1_000, 500 + (n * 37) % 601);
            Settlement settlement =
                gateway.settle(reservation, usage, PolicyFixtures.BIG).toCompletableFuture().get();
            Settlement duplicate =
                other.settle(reservation, usage, PolicyFixtures.BIG).toCompletableFuture().get();
            assertTrue(duplicate.duplicate());
            settled.addAndGet(settlement.costNanos());
            // $2.50 / $10 per million tokens = 2,500 / 10,000 nano-dollars a token.
            usageTimesPrice.addAndGet(
                usage.promptTokens() * 2_500L + usage.completionTokens() * 10_000L);
            overEstimate.addAndGet(Math.max(0, settlement.costNanos() - worst));
            ledger.offer(
                new LedgerEntry(
                    request.requestId(),
                    0,
                    "org_race",
                    null,
                    null,
                    "key_race",
                    "gpt-4o",
                    "gpt-4o",
                    "openai",
                    usage.promptTokens(),
                    usage.completionTokens(),
                    0,
                    settlement.costNanos(),
                    settlement.priceSource(),
                    200,
                    n % 2 == 0,
                    false,
                    "miss",
                    "passthrough",
                    5,
                    Instant.now()));
          };
      // One request through each gateway first: what each then knows lets it grant ahead.
      race.run(-1, a, b);
      race.run(-2, b, a);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        PolicyEngine gateway = n % 2 == 0 ? a : b;
        PolicyEngine other = n % 3 == 0 ? b : a;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  race.run(n, gateway, other);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      ledger.flush();

      long spent = a.usage(rule).toCompletableFuture().get().spentNanos();
      assertEquals(settled.get(), spent, "Redis charged exactly what was settled");
      assertEquals(0, a.usage(rule).toCompletableFuture().get().reservedNanos());
      long bound = overEstimate.get() + 2L * ahead * worst;
      assertTrue(
          spent <= rule.amountNanos() + bound,
          "spent " + spent + " > budget " + rule.amountNanos() + " + bound " + bound);
      assertEquals(
          ahead > 0,
          counters.admittedAhead.get() > 0,
          "granted ahead: " + counters.admittedAhead.get());
      assertEquals(202, admitted.get() + refused.get());
      assertTrue(admitted.get() >= 50, "admitted " + admitted.get());
      assertTrue(refused.get() > 0);
      assertEquals(admitted.get(), counters.duplicateSettlements.get());
      BigDecimal ledgerSum =
          db.inTransaction(
              em ->
                  em.createQuery("select sum(r.costUsd) from UsageRecord r", BigDecimal.class)
                      .getSingleResult());
      assertEquals(0, Money.usd(settled.get()).compareTo(ledgerSum));
      assertEquals(
          0,
          Money.usd(usageTimesPrice.get()).compareTo(ledgerSum),
          "the ledger holds exactly the answers' usage x price");
      assertEquals(admitted.get(), db.count("UsageRecord"));
    } finally {
      pool.shutdownNow();
      TestRedis.deleteAll(first, prefix);
      first.shutdown();
      second.shutdown();
    }
  }

  @FunctionalInterface
  private interface Race {
    void run(int n, PolicyEngine gateway, PolicyEngine other) throws Exception;
  }

  private static PolicyEngine engine(
      RedissonClient redisson, String prefix, PolicyCounters counters, int ahead) {
    PolicyStore store = new RedissonPolicyStore(redisson, prefix, Clock.systemUTC(), 4);
    if (ahead > 0) {
      store =
          new OptimisticPolicyStore(
              store, ahead, Duration.ofSeconds(1), Clock.systemUTC(), counters);
    }
    return new PolicyEngine(store, Clock.systemUTC(), Duration.ofMinutes(15), e -> {}, counters);
  }
}
