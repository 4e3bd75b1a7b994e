package ai.hyperion.dedicated;

import ai.hyperion.testing.TestDatabase;

/**
 * Dedicated endpoints on the PostgreSQL at 127.0.0.1:5432: skipped when it is not there, a failure
 * when the CI variable is set.
 */
class PostgresDedicatedLifecycleTest extends DedicatedLifecycleContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
