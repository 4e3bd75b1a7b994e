package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The audit of tenancy changes on embedded H2. */
class H2TenancyAuditTest extends TenancyAuditContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
