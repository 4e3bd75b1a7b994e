package ai.hyperion.api.responses;

import ai.hyperion.testing.TestDatabase;

/** Stored responses on an in-memory Derby. */
class DerbyResponseStoreTest extends ResponseStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
