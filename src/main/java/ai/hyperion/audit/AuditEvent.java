package ai.hyperion.audit;

import java.util.List;
import java.util.Objects;

/**
 * A change a service reports to the audit trail: in which organisation's chain it belongs (the org
 * that owns the resource), what was done to which resource, and the fields changed.
 */
public record AuditEvent(
    String orgId,
    AuditAction action,
    String resourceType,
    String resourceId,
    List<FieldChange> changes) {

  public AuditEvent {
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(action);
    Objects.requireNonNull(resourceType);
    changes = List.copyOf(changes);
  }

  public static AuditEvent created(String orgId, String type, String id, Object after) {
    return new AuditEvent(orgId, AuditAction.CREATE, type, id, Changes.between(null, after));
  }

  public static AuditEvent deleted(String orgId, String type, String id, Object before) {
    return new AuditEvent(orgId, AuditAction.DELETE, type, id, Changes.between(before, null));
  }

  public static AuditEvent changed(
      String orgId, AuditAction action, String type, String id, Object before, Object after) {
    return new AuditEvent(orgId, action, type, id, Changes.between(before, after));
  }
}
