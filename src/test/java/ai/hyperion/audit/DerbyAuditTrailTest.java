package ai.hyperion.audit;

import ai.hyperion.testing.TestDatabase;

/** The audit chain on embedded Derby. */
class DerbyAuditTrailTest extends AuditTrailContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
