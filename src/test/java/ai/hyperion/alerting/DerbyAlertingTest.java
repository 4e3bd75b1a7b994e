package ai.hyperion.alerting;

import ai.hyperion.testing.TestDatabase;

/** Alerts on embedded Derby. */
class DerbyAlertingTest extends AlertingContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
