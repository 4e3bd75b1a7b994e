package ai.hyperion.routing;

import ai.hyperion.admin.AdminFeature;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class RoutingAdminFeatures {

  /** Providers and models ({@link CatalogResource}): every signed-in caller may read it. */
  @Produces static final AdminFeature CATALOG = AdminFeature.readOnly("catalog");
}
