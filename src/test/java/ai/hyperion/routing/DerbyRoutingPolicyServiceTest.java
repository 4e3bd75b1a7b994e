package ai.hyperion.routing;

import ai.hyperion.testing.TestDatabase;

/** Routing policies on embedded Derby, the default store. */
class DerbyRoutingPolicyServiceTest extends RoutingPolicyServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
