package ai.hyperion.api.responses;

import ai.hyperion.testing.TestDatabase;

/** Stored responses on the PostgreSQL at 127.0.0.1 (skipped when absent unless CI is set). */
class PostgresResponseStoreTest extends ResponseStoreContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
