package ai.hyperion.policy;

import ai.hyperion.admin.AdminFeature;
import ai.hyperion.admin.Area;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/** The admin UI pages this package's admin API serves. */
@Dependent
public class PolicyAdminFeatures {

  /** Money budgets and their current spend ({@link BudgetResource}). */
  @Produces static final AdminFeature BUDGETS = new AdminFeature("budgets", Area.BUDGET);
}
