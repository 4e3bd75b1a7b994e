package ai.hyperion.admin;

/** What an admin operation touches, for the access matrix. */
public enum Area {
  /** Creating and deleting organisations. */
  PLATFORM,
  ORG,
  TEAM,
  USER,
  KEY,
  /** The audit log (served by the metering package). */
  AUDIT,
  /** Usage and cost reports, current spend (served by the policy package). */
  USAGE,
  /**
   * Money budgets (policy package). Writing a budget attached to an organisation itself also needs
   * PLATFORM write: org admins cannot loosen their own org's cap.
   */
  BUDGET,
  /**
   * Dedicated endpoints: provisioning, scaling, deletion, logs (served by the dedicated package).
   */
  ENDPOINT
}
