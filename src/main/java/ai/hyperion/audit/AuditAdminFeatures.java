package ai.hyperion.audit;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class AuditAdminFeatures {

  /** The audit trail and the request log ({@link AuditEventResource}, the request-log resource). */
  @Produces static final AdminFeature AUDIT = new AdminFeature("audit", Area.AUDIT);
}
