package ai.hyperion.policy;

import ai.hyperion.testing.TestDatabase;

/** Budgets and the ledger on embedded Derby, the default store. */
class DerbyPolicyDatabaseTest extends PolicyDatabaseContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
