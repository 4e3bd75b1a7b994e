package ai.hyperion.routing;

import ai.hyperion.tenancy.TestDatabase;

/** Routing policies on embedded Derby, the default store. */
class DerbyRoutingPolicyServiceTest extends RoutingPolicyServiceContract {

  @Override
  TestDatabase openDatabase() {
    return TestDatabase.derby();
  }
}
