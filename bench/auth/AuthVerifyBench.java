import ai.hyperion.auth.ApiKeyCacheConfig;
import ai.hyperion.auth.DatabaseApiKeyVerifier;
import ai.hyperion.auth.HazelcastApiKeyCache;
import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyRecordLoader;
import ai.hyperion.auth.KeyStatus;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Auth stage cost per request: DatabaseApiKeyVerifier.verify() on an embedded Hazelcast member
 * with a warm near-cache, over many distinct keys picked at random. The "database" is a map that
 * counts its reads, to show the warm path never reaches it. Prints a markdown table.
 */
public final class AuthVerifyBench {

  public static void main(String[] args) {
    int keyCount = Integer.getInteger("bench.keys", 10_000);
    int warmup = Integer.getInteger("bench.warmup", 500_000);
    int measured = Integer.getInteger("bench.calls", 1_000_000);

    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        ApiKeyCacheConfig.apply(HazelcastConfigs.member(new ClusterSettings("bench-" + System.nanoTime(), "127.0.0.1", 5801, true, List.of()))));
    try {
      KeyHasher hasher = new KeyHasher("bench-pepper");
      Map<String, KeyRecord> database = new HashMap<>();
      String[] keys = new String[keyCount];
      for (int i = 0; i < keyCount; i++) {
        VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
        keys[i] = key.key();
        TenantContext tenant = new TenantContext("org_" + (i % 50), "team_" + (i % 500), "user_" + i, "key_" + i, key.prefix(),
            AllowList.of(Set.of("gpt-4o", "gpt-4o-mini")), AllowList.unrestricted(), true, false,
            Map.of("env", "bench"), Set.of("bench"),
            new TenantLimits(new Limits(600, 100_000, 8, null), Limits.NONE, Limits.NONE, new Limits(null, null, null, "org-budget")),
            UserRole.MEMBER);
        database.put(key.prefix(), new KeyRecord(key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant));
      }
      AtomicLong databaseReads = new AtomicLong();
      KeyRecordLoader loader = prefix -> {
        databaseReads.incrementAndGet();
        return Optional.ofNullable(database.get(prefix));
      };
      DatabaseApiKeyVerifier verifier = new DatabaseApiKeyVerifier(new HazelcastApiKeyCache(member), loader, hasher);

      long coldStart = System.nanoTime();
      for (String key : keys) {
        verifier.verify(key).orElseThrow();
      }
      long coldNanos = System.nanoTime() - coldStart;

      SplittableRandom random = new SplittableRandom(42);
      for (int i = 0; i < warmup; i++) {
        verifier.verify(keys[random.nextInt(keyCount)]).orElseThrow();
      }
      long readsBefore = databaseReads.get();
      long[] samples = new long[measured];
      for (int i = 0; i < measured; i++) {
        String key = keys[random.nextInt(keyCount)];
        long start = System.nanoTime();
        Optional<TenantContext> tenant = verifier.verify(key);
        samples[i] = System.nanoTime() - start;
        if (tenant.isEmpty()) {
          throw new IllegalStateException("a valid key was refused");
        }
      }
      long readsDuring = databaseReads.get() - readsBefore;
      long timerOverhead = timerOverhead();
      Arrays.sort(samples);

      System.out.println();
      System.out.println("| auth stage: DatabaseApiKeyVerifier.verify(), warm near-cache | value |");
      System.out.println("| --- | --- |");
      System.out.printf("| keys / measured calls (after %,d warm-up calls) | %,d / %,d |%n", warmup, keyCount, measured);
      System.out.printf("| p50 | %.1f µs |%n", micros(percentile(samples, 0.50)));
      System.out.printf("| p90 | %.1f µs |%n", micros(percentile(samples, 0.90)));
      System.out.printf("| p99 | %.1f µs |%n", micros(percentile(samples, 0.99)));
      System.out.printf("| p99.9 | %.1f µs |%n", micros(percentile(samples, 0.999)));
      System.out.printf("| max | %.1f µs |%n", micros(samples[samples.length - 1]));
      System.out.printf("| database reads while measuring | %d |%n", readsDuring);
      System.out.printf("| first use of each key (stand-in loader + cluster map write), mean | %.1f µs |%n", micros(coldNanos / keyCount));
      System.out.printf("| System.nanoTime() overhead (included above) | ~%d ns |%n", timerOverhead);
      System.out.printf("| JVM | %s %s |%n", System.getProperty("java.vm.name"), System.getProperty("java.version"));
    } finally {
      member.shutdown();
    }
  }

  private static long percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double micros(long nanos) {
    return nanos / 1000.0;
  }

  private static long timerOverhead() {
    long[] deltas = new long[100_000];
    for (int i = 0; i < deltas.length; i++) {
      long start = System.nanoTime();
      deltas[i] = System.nanoTime() - start;
    }
    Arrays.sort(deltas);
    return deltas[deltas.length / 2];
  }
}
