package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/** The tenancy services on embedded Derby, the default store. */
class DerbyTenancyServicesTest extends TenancyServicesContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
