package ai.hyperion.routing;

import ai.hyperion.testing.TestDatabase;

/** Routing policies on embedded H2. */
class H2RoutingPolicyServiceTest extends RoutingPolicyServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.h2();
  }
}
