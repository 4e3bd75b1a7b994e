package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The audit of tenancy changes on the PostgreSQL at 127.0.0.1 (skipped when absent, not in CI). */
class PostgresTenancyAuditTest extends TenancyAuditContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
