package ai.hyperion.tenancy;

import ai.hyperion.testing.TestDatabase;

/**
 * The security rules of the tenancy services on the PostgreSQL at 127.0.0.1:5432: skipped when it
 * is not there, a failure when the CI variable is set.
 */
class PostgresTenancySecurityTest extends TenancySecurityContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
