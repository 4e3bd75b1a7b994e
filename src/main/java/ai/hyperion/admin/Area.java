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
  /** Usage and cost reports (served by the metering package). */
  USAGE,
  /**
   * Dedicated endpoints: provisioning, scaling, deletion, logs (served by the dedicated package).
   */
  ENDPOINT
}
