package ai.hyperion.api.responses;

import ai.hyperion.testing.TestDatabase;

/** Stored responses on an in-memory H2. */
class H2ResponseStoreTest extends ResponseStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
