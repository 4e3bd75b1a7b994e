package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The security rules of the tenancy services on embedded H2. */
class H2TenancySecurityTest extends TenancySecurityContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
