package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/**
 * The tenancy services on the PostgreSQL at 127.0.0.1:5432 (database {@code test}, user postgres):
 * skipped when it is not there, a failure when the CI variable is set.
 */
class PostgresTenancyServicesTest extends TenancyServicesContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
