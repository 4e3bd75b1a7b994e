package ai.hyperion.cache;

import ai.hyperion.testing.TestDatabase;

/**
 * Cache settings on the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user postgres):
 * skipped when it is not there, a failure when the CI variable is set.
 */
class PostgresCacheSettingsServiceTest extends CacheSettingsServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
