import ai.hyperion.policy.BudgetPeriod;
import ai.hyperion.policy.BudgetRule;
import ai.hyperion.policy.Candidate;
import ai.hyperion.policy.LevelPolicy;
import ai.hyperion.policy.LocalPolicyStore;
import ai.hyperion.policy.ModelPrice;
import ai.hyperion.policy.PolicyCounters;
import ai.hyperion.policy.PolicyDecision;
import ai.hyperion.policy.PolicyEngine;
import ai.hyperion.policy.PolicyRequest;
import ai.hyperion.policy.PolicyStore;
import ai.hyperion.policy.PriceSource;
import ai.hyperion.policy.RedissonClients;
import ai.hyperion.policy.RedissonPolicyStore;
import ai.hyperion.policy.TenantLevel;
import ai.hyperion.policy.TokenEstimate;
import ai.hyperion.policy.Tokenizer;
import ai.hyperion.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RedissonClient;

/**
 * reserve+settle through PolicyEngine, as the policy stage will call it, on the in-process store
 * and on Redis: latency at concurrency 1 (p50/p99 of one admit + one settle) and throughput at
 * concurrency 100 (threads each looping admit -> settle). Every request is limited at four levels
 * (RPM, TPM, concurrency) and charged against two budgets, so each operation does all the work.
 * "none" is the same engine with no limits (no store call) for comparison.
 */
public class PolicyStoreBench {

  static final ModelPrice PRICE = ModelPrice.of("gpt-4o", 2.5, 10, PriceSource.CATALOG);
  static final Candidate CANDIDATE =
      new Candidate("gpt-4o", PRICE, new TokenEstimate(500, 200, 700, Tokenizer.O200K));

  public static void main(String[] args) throws Exception {
    int calls = Integer.getInteger("bench.calls", 20_000);
    int seconds = Integer.getInteger("bench.seconds", 10);
    String redisUrl = System.getProperty("bench.redis", "redis://127.0.0.1:6379");
    System.out.println("| store | c=1 p50 (µs) | c=1 p99 (µs) | c=100 ops/s | c=100 p50 (µs) | c=100 p99 (µs) |");
    System.out.println("|---|---|---|---|---|---|");
    run("none (no limits)", new LocalPolicyStore(Clock.systemUTC()), false, calls, seconds);
    run("in-process", new LocalPolicyStore(Clock.systemUTC()), true, calls, seconds);
    RedissonClient redisson = RedissonClients.create(redisUrl, Duration.ofSeconds(2));
    String prefix = "hyperion-bench:" + UUID.randomUUID().toString().substring(0, 8);
    try {
      run("redis", new RedissonPolicyStore(redisson, prefix, Clock.systemUTC(), 4), true, calls, seconds);
    } finally {
      redisson.getKeys().deleteByPattern(prefix + ":*");
      redisson.shutdown();
    }
  }

  static List<LevelPolicy> levels(int tenant, boolean limited) {
    if (!limited) {
      return List.of(new LevelPolicy(TenantLevel.KEY, "key_" + tenant, null, null, null, List.of()));
    }
    BudgetRule team =
        new BudgetRule("bud_team_" + tenant, "org_b", "team", 9_000_000_000_000_000L, BudgetPeriod.MONTH,
            ZoneOffset.UTC, 80, true, TenantLevel.TEAM, "team_" + tenant);
    BudgetRule org =
        new BudgetRule("bud_org", "org_b", "org", 9_000_000_000_000_000L, BudgetPeriod.DAY,
            ZoneOffset.UTC, null, true, TenantLevel.ORG, "org_b");
    return List.of(
        new LevelPolicy(TenantLevel.KEY, "key_" + tenant, 1_000_000_000, 2_000_000_000, 10_000, List.of()),
        new LevelPolicy(TenantLevel.USER, "usr_" + tenant, 1_000_000_000, null, null, List.of()),
        new LevelPolicy(TenantLevel.TEAM, "team_" + (tenant % 10), 1_000_000_000, null, null, List.of(team)),
        new LevelPolicy(TenantLevel.ORG, "org_b", 1_000_000_000, null, 100_000, List.of(org)));
  }

  static long once(PolicyEngine engine, List<LevelPolicy> levels, AtomicLong ids) {
    long start = System.nanoTime();
    PolicyRequest request =
        new PolicyRequest("req_" + ids.incrementAndGet(), levels, List.of(CANDIDATE));
    PolicyDecision decision = engine.admit(request).toCompletableFuture().join();
    if (!(decision instanceof PolicyDecision.Admitted admitted)) {
      throw new IllegalStateException("refused: " + decision);
    }
    engine.settle(admitted.reservation(), new Usage(500, 150), PRICE).toCompletableFuture().join();
    return System.nanoTime() - start;
  }

  static void run(String name, PolicyStore store, boolean limited, int calls, int seconds)
      throws Exception {
    PolicyEngine engine =
        new PolicyEngine(store, Clock.systemUTC(), Duration.ofMinutes(15), e -> {}, new PolicyCounters());
    AtomicLong ids = new AtomicLong();
    List<LevelPolicy> one = levels(0, limited);
    for (int i = 0; i < calls; i++) {
      once(engine, one, ids);
    }
    long[] single = new long[calls];
    for (int i = 0; i < calls; i++) {
      single[i] = once(engine, one, ids);
    }
    Arrays.sort(single);

    int threads = 100;
    AtomicLong ops = new AtomicLong();
    long[][] samples = new long[threads][];
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long warmupNanos = Duration.ofSeconds(2).toNanos();
    long runNanos = Duration.ofSeconds(seconds).toNanos();
    for (int t = 0; t < threads; t++) {
      int tenant = t;
      Thread worker =
          new Thread(
              () -> {
                List<LevelPolicy> levels = levels(tenant, limited);
                long[] mine = new long[100_000];
                int n = 0;
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long began = System.nanoTime();
                while (System.nanoTime() - began < warmupNanos) {
                  once(engine, levels, ids);
                }
                long measured = System.nanoTime();
                while (System.nanoTime() - measured < runNanos) {
                  long took = once(engine, levels, ids);
                  if (n < mine.length) {
                    mine[n++] = took;
                  }
                }
                ops.addAndGet(n);
                samples[tenant] = Arrays.copyOf(mine, n);
              });
      workers.add(worker);
      worker.start();
    }
    ready.await();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "| %s | %.0f | %.0f | %,d | %.0f | %.0f |%n",
        name,
        single[calls / 2] / 1e3,
        single[(int) (calls * 0.99)] / 1e3,
        ops.get() / seconds,
        all[all.length / 2] / 1e3,
        all[(int) (all.length * 0.99)] / 1e3);
    store.close();
  }
}
