package ai.hyperion.audit;

import java.util.Locale;

/** What an audited admin call did, or tried to do. */
public enum AuditAction {
  CREATE,
  UPDATE,
  DELETE,
  ROTATE,
  REVOKE,
  ACKNOWLEDGE,
  EXPORT,
  READ,
  /** Any other operation (a POST to an action path this enum does not name). */
  CALL;

  /** The action of an HTTP call: the method, or the trailing verb of a POST such as /rotate. */
  public static AuditAction of(String method, String trailingVerb) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> READ;
      case "PATCH", "PUT" -> UPDATE;
      case "DELETE" -> DELETE;
      case "POST" -> trailingVerb == null ? CREATE : fromVerb(trailingVerb);
      default -> CALL;
    };
  }

  private static AuditAction fromVerb(String verb) {
    for (AuditAction action : values()) {
      if (action.name().equalsIgnoreCase(verb)) {
        return action;
      }
    }
    return CALL;
  }
}
