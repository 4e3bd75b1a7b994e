package ai.hyperion.policy;

import ai.hyperion.testing.TestDatabase;

/**
 * Budgets and the ledger on the PostgreSQL at 127.0.0.1:5432: skipped when it is not there, a
 * failure when the CI variable is set.
 */
class PostgresPolicyDatabaseTest extends PolicyDatabaseContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
