package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class TenancyAdminFeatures {

  @Produces static final AdminFeature ORGS = new AdminFeature("orgs", Area.ORG);
  @Produces static final AdminFeature TEAMS = new AdminFeature("teams", Area.TEAM);
  @Produces static final AdminFeature USERS = new AdminFeature("users", Area.USER);
  @Produces static final AdminFeature KEYS = new AdminFeature("keys", Area.KEY);
}
