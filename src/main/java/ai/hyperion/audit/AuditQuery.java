package ai.hyperion.audit;

import java.time.LocalDateTime;

/** Filters of a search over one organisation's audit trail; null = any. Times are UTC. */
public record AuditQuery(
    String orgId,
    LocalDateTime from,
    LocalDateTime to,
    String userId,
    String keyPrefix,
    String resourceType,
    String resourceId,
    String action,
    String outcome,
    Integer status) {

  JpqlFilter filter() {
    return new JpqlFilter()
        .eq("chainId", orgId)
        .atLeast("occurredAt", from)
        .before("occurredAt", to)
        .eq("actorUserId", userId)
        .eq("actorKeyPrefix", keyPrefix)
        .eq("resourceType", resourceType)
        .eq("resourceId", resourceId)
        .eq("action", action)
        .eq("outcome", outcome)
        .eq("status", status);
  }
}
