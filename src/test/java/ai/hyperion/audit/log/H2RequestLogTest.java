package ai.hyperion.audit.log;

import ai.hyperion.testing.TestDatabase;

/** The request log on embedded H2. */
class H2RequestLogTest extends RequestLogContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
