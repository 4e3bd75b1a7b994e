package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The security rules of the tenancy services on embedded Derby. */
class DerbyTenancySecurityTest extends TenancySecurityContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
