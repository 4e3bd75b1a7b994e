package ai.hyperion.policy;

import static ai.hyperion.policy.PolicyFixtures.budget;
import static ai.hyperion.policy.PolicyFixtures.key;
import static ai.hyperion.policy.PolicyFixtures.request;
import static ai.hyperion.policy.PolicyFixtures.standard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Redis goes away mid-test and comes back (a redis-server of the test's own): fail-open admits by
 * local limits, fail-closed refuses with 503, each outage is logged once and counted, and the store
 * recovers without a restart, replaying the settlements Redis missed.
 */
class RedisOutageTest {

  private RedisServerProcess server;
  private RedissonClient redisson;
  private ScheduledExecutorService scheduler;
  private final List<LogRecord> warnings = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          synchronized (warnings) {
            warnings.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void startRedis() throws Exception {
    server = RedisServerProcess.start();
    redisson = RedissonClients.create(server.url(), Duration.ofMillis(500));
    scheduler = Executors.newSingleThreadScheduledExecutor();
    Logger.getLogger(FailoverPolicyStore.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stopRedis() throws Exception {
    Logger.getLogger(FailoverPolicyStore.class.getName()).removeHandler(capture);
    scheduler.shutdownNow();
    redisson.shutdown();
    server.close();
  }

  private PolicyEngine engine(FailoverPolicyStore.Mode mode, PolicyCounters counters) {
    FailoverPolicyStore store =
        new FailoverPolicyStore(
            new RedissonPolicyStore(redisson, "outage", Clock.systemUTC(), 2),
            new LocalPolicyStore(Clock.systemUTC()),
            mode,
            counters,
            scheduler,
            Duration.ofMillis(200),
            Clock.systemUTC());
    return new PolicyEngine(store, Clock.systemUTC(), Duration.ofMinutes(15), e -> {}, counters);
  }

  private static PolicyDecision admit(PolicyEngine engine, PolicyRequest request) {
    return engine.admit(request).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static void awaitRecovery(PolicyEngine engine, PolicyRequest probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (admit(engine, probe) instanceof Admitted admitted
          && admitted.reservation().store().equals("redis")) {
        engine.release(admitted.reservation()).toCompletableFuture().join();
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the store did not go back to Redis within 20 s");
  }

  @Test
  void failOpenAdmitsByLocalLimitsThenRecoversAndReplaysTheCharges() throws Exception {
    PolicyCounters counters = new PolicyCounters();
    PolicyEngine engine = engine(FailoverPolicyStore.Mode.OPEN, counters);
    BudgetRule rule = budget("100", BudgetPeriod.TOTAL, null, true);
    List<LevelPolicy> levels =
        List.of(
            key("key_out", 3, null, null),
            PolicyFixtures.level(TenantLevel.ORG, "org_out", null, rule));
    Admitted before = assertInstanceOf(Admitted.class, admit(engine, request(levels, standard())));
    assertEquals("redis", before.reservation().store());

    server.stop();
    List<Admitted> during = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      during.add(assertInstanceOf(Admitted.class, admit(engine, request(levels, standard()))));
    }
    during.forEach(a -> assertEquals("local", a.reservation().store()));
    // This instance's own limit of 3 a minute holds while Redis is gone.
    Refused local = assertInstanceOf(Refused.class, admit(engine, request(levels, standard())));
    assertEquals("rate_limit_exceeded", local.code());
    engine
        .settle(before.reservation(), new Usage(0, 100), PolicyFixtures.BIG)
        .toCompletableFuture()
        .join();
    for (Admitted admitted : during) {
      engine
          .settle(admitted.reservation(), new Usage(0, 100), PolicyFixtures.BIG)
          .toCompletableFuture()
          .join();
    }
    assertEquals(1, counters.storeOutages.get());
    assertTrue(counters.storeUnavailable.get() >= 4, "requests during the outage are counted");
    synchronized (warnings) {
      assertEquals(
          1, warnings.stream().filter(r -> r.getLevel().getName().equals("WARNING")).count());
    }

    server.startAgain();
    awaitRecovery(engine, request(List.of(key("key_probe", 1000, null, null)), standard()));
    // All four settlements reached Redis (it restarted empty): 4 × 100 output tokens × $10/M.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (engine.usage(rule).toCompletableFuture().join().spentNanos() < 4_000_000
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(4_000_000, engine.usage(rule).toCompletableFuture().join().spentNanos());
    Admitted after = assertInstanceOf(Admitted.class, admit(engine, request(levels, standard())));
    assertEquals("redis", after.reservation().store());
    synchronized (warnings) {
      assertTrue(warnings.stream().anyMatch(r -> r.getMessage().contains("answers again")));
    }
  }

  @Test
  void failClosedRefusesWith503ThenRecovers() throws Exception {
    PolicyCounters counters = new PolicyCounters();
    PolicyEngine engine = engine(FailoverPolicyStore.Mode.CLOSED, counters);
    List<LevelPolicy> levels = List.of(key("key_closed", 100, null, null));
    assertInstanceOf(Admitted.class, admit(engine, request(levels, standard())));

    server.stop();
    for (int i = 0; i < 3; i++) {
      Refused refused = assertInstanceOf(Refused.class, admit(engine, request(levels, standard())));
      assertEquals(503, refused.status());
      assertEquals("policy_store_unavailable", refused.code());
      assertEquals("1", refused.headers().get("Retry-After"));
    }
    assertEquals(1, counters.storeOutages.get());
    assertEquals(3, counters.storeUnavailable.get());

    server.startAgain();
    awaitRecovery(engine, request(levels, standard()));
    assertInstanceOf(Admitted.class, admit(engine, request(levels, standard())));
  }
}
