package ai.hyperion.dedicated;

import ai.hyperion.testing.TestDatabase;

/** Dedicated endpoints on embedded H2. */
class H2DedicatedLifecycleTest extends DedicatedLifecycleContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
