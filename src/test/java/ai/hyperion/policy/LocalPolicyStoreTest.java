package ai.hyperion.policy;

import ai.hyperion.testing.MutableClock;

/** The policy contract on the in-process store. */
class LocalPolicyStoreTest extends PolicyStoreContract {

  @Override
  PolicyStore openStore(MutableClock clock) {
    return new LocalPolicyStore(clock);
  }

  @Override
  void closeStore() {}
}
