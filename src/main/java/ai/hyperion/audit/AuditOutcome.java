package ai.hyperion.audit;

/** How an audited admin call ended. */
public enum AuditOutcome {
  /** The change was made. */
  SUCCESS,
  /** Refused for want of a valid key (401) or of permission (403). */
  DENIED,
  /** A change refused for its content: invalid (400), unknown target (404), conflict (409). */
  REJECTED
}
