package ai.hyperion.routing;

import ai.hyperion.testing.TestDatabase;

/** Routing policies on the PostgreSQL at 127.0.0.1 (skipped when absent unless CI is set). */
class PostgresRoutingPolicyServiceTest extends RoutingPolicyServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.postgres();
  }
}
