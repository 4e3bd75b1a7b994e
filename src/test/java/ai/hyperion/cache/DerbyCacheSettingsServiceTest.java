package ai.hyperion.cache;

import ai.hyperion.testing.TestDatabase;

/** Cache settings on embedded Derby, the default store. */
class DerbyCacheSettingsServiceTest extends CacheSettingsServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
