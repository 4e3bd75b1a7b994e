package ai.hyperion.audit;

import ai.hyperion.testing.TestDatabase;

/** The audit chain on embedded H2. */
class H2AuditTrailTest extends AuditTrailContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
