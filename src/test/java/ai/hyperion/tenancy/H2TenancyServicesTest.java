package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The tenancy services on embedded H2. */
class H2TenancyServicesTest extends TenancyServicesContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
