package ai.hyperion.policy;

import static ai.hyperion.policy.PolicyFixtures.budget;
import static ai.hyperion.policy.PolicyFixtures.level;
import static ai.hyperion.policy.PolicyFixtures.request;
import static ai.hyperion.policy.PolicyFixtures.standard;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.testing.MutableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy contract on the in-process store. */
class LocalPolicyStoreTest extends PolicyStoreContract {

  @Override
  PolicyStore openStore(MutableClock clock) {
    return new LocalPolicyStore(clock);
  }

  @Override
  void closeStore() {}

  @Test
  void theLatestSettlementsAreRememberedWithinABoundTheOldestForgottenFirst() {
    BudgetRule rule = budget("1000000", BudgetPeriod.MONTH, null, true);
    List<LevelPolicy> levels = List.of(level(TenantLevel.KEY, "key_bound", null, rule));
    Admitted oldest = admitted(request(levels, standard()));
    settle(oldest, usd("0.001"));
    Admitted latest = oldest;
    for (int i = 0; i < LocalPolicyStore.MAX_DONE; i++) {
      latest = admitted(request(levels, standard()));
      settle(latest, usd("0.001"));
    }

    assertTrue(settle(latest, usd("0.001")).duplicate(), "the latest is remembered");
    // Heap is bounded: the oldest of MAX_DONE + 1 settlements is no longer told apart.
    assertFalse(settle(oldest, usd("0.001")).duplicate());
  }
}
