package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The audit of tenancy changes on embedded Derby. */
class DerbyTenancyAuditTest extends TenancyAuditContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
