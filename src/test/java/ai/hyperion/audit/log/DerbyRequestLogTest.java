package ai.hyperion.audit.log;

import ai.hyperion.testing.TestDatabase;

/** The request log on embedded Derby. */
class DerbyRequestLogTest extends RequestLogContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
