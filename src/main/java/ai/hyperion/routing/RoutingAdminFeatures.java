package ai.hyperion.routing;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class RoutingAdminFeatures {

  /** Providers and models ({@link CatalogResource}): every signed-in caller may read it. */
  @Produces static final AdminFeature CATALOG = AdminFeature.readOnly("catalog");

  /**
   * An organisation's routing policy ({@link OrgRoutingResource}) beside its cache settings: read
   * by whoever reads the organisation, changed by its admins.
   */
  @Produces static final AdminFeature SETTINGS = new AdminFeature("settings", Area.ORG);
}
