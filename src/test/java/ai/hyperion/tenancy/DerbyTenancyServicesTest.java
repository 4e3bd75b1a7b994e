package ai.hyperion.tenancy;

/** The tenancy services on embedded Derby, the default store. */
class DerbyTenancyServicesTest extends TenancyServicesContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
