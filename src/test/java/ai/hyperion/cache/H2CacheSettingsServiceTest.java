package ai.hyperion.cache;

import ai.hyperion.testing.TestDatabase;

/** Cache settings on embedded H2. */
class H2CacheSettingsServiceTest extends CacheSettingsServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
