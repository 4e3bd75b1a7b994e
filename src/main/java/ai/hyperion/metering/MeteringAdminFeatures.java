package ai.hyperion.metering;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI panels this package's admin API serves. */
@Dependent
public class MeteringAdminFeatures {

  /** The overview's traffic panel ({@link TrafficResource}). */
  @Produces static final AdminFeature TRAFFIC = new AdminFeature("traffic", Area.USAGE);
}
