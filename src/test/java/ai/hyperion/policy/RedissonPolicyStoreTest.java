package ai.hyperion.policy;

import static ai.hyperion.policy.PolicyFixtures.budget;
import static ai.hyperion.policy.PolicyFixtures.key;
import static ai.hyperion.policy.PolicyFixtures.level;
import static ai.hyperion.policy.PolicyFixtures.request;
import static ai.hyperion.policy.PolicyFixtures.standard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/** The policy contract on the real Redis at 127.0.0.1:6379, plus sharing between instances. */
class RedissonPolicyStoreTest extends PolicyStoreContract {

  private RedissonClient redisson;
  private final List<String> prefixes = new ArrayList<>();

  @Override
  PolicyStore openStore(MutableClock clock) {
    if (redisson == null) {
      redisson = TestRedis.connect();
    }
    String prefix = TestRedis.uniquePrefix();
    prefixes.add(prefix);
    return new RedissonPolicyStore(redisson, prefix, clock, 2);
  }

  @Override
  void closeStore() {
    if (redisson != null) {
      prefixes.forEach(prefix -> TestRedis.deleteAll(redisson, prefix));
      redisson.shutdown();
    }
  }

  @Test
  void twoGatewaysShareLimitsAndBudgets() {
    RedissonClient other = TestRedis.connect();
    try {
      String prefix = prefixes.get(prefixes.size() - 1);
      PolicyEngine second =
          new PolicyEngine(
              new RedissonPolicyStore(other, prefix, clock, 2),
              clock,
              Duration.ofMinutes(15),
              e -> {},
              new PolicyCounters());
      BudgetRule rule = budget("0.03", BudgetPeriod.DAY, null, true);
      List<LevelPolicy> levels =
          List.of(
              key("key_shared", 3, null, null), level(TenantLevel.ORG, "org_shared", null, rule));
      Admitted one = admitted(request(levels, standard()));
      Admitted two =
          assertInstanceOf(
              Admitted.class,
              second.admit(request(levels, standard())).toCompletableFuture().join());
      // Two worst cases ($0.025) are reserved: a third does not fit on either instance.
      Refused overBudget =
          assertInstanceOf(
              Refused.class,
              second.admit(request(levels, standard())).toCompletableFuture().join());
      assertEquals("budget_exceeded", overBudget.code());
      second
          .settle(two.reservation(), new Usage(10, 10), PolicyFixtures.BIG)
          .toCompletableFuture()
          .join();
      settle(one, usd("0.001"));
      admitted(request(levels, standard()));
      Refused overRate = refused(request(levels, standard()));
      assertEquals("rate_limit_exceeded", overRate.code());
      assertTrue(overRate.message().contains("limit 3"));
    } finally {
      other.shutdown();
    }
  }
}
