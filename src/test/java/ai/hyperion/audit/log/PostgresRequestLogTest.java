package ai.hyperion.audit.log;

import ai.hyperion.testing.TestDatabase;

/** The request log on the PostgreSQL at 127.0.0.1 (skipped when absent, required in CI). */
class PostgresRequestLogTest extends RequestLogContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
