package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class DedicatedAdminFeatures {

  /** Dedicated endpoints: list, provision, scale, delete ({@link EndpointAdminResource}). */
  @Produces static final AdminFeature ENDPOINTS = new AdminFeature("endpoints", Area.ENDPOINT);
}
