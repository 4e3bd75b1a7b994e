package ai.hyperion.dedicated;

import ai.hyperion.testing.TestDatabase;

/** Dedicated endpoints on embedded Derby, the default store. */
class DerbyDedicatedLifecycleTest extends DedicatedLifecycleContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
