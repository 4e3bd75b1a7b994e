package ai.hyperion.alerting;

import ai.hyperion.testing.TestDatabase;

/** Alerts on embedded H2. */
class H2AlertingTest extends AlertingContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
