package ai.hyperion.policy;

import ai.hyperion.testing.TestDatabase;

/** Budgets and the ledger on embedded H2. */
class H2PolicyDatabaseTest extends PolicyDatabaseContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
