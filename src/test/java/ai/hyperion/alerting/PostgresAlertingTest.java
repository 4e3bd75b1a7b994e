package ai.hyperion.alerting;

import ai.hyperion.testing.TestDatabase;

/** Alerts on the PostgreSQL at 127.0.0.1 (skipped when absent, required in CI). */
class PostgresAlertingTest extends AlertingContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
