package ai.hyperion.audit;

import ai.hyperion.testing.TestDatabase;

/** The audit chain on the PostgreSQL at 127.0.0.1 (skipped when absent, required in CI). */
class PostgresAuditTrailTest extends AuditTrailContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
