package ai.hyperion.audit.log;

import ai.hyperion.audit.JpqlFilter;
import java.time.LocalDateTime;

/** Filters of a search over one organisation's request log; null = any. Times are UTC. */
public record RequestLogQuery(
    String orgId,
    LocalDateTime from,
    LocalDateTime to,
    String teamId,
    String userId,
    String keyPrefix,
    String model,
    String provider,
    Integer status,
    String cacheOutcome) {

  JpqlFilter filter() {
    return new JpqlFilter()
        .eq("orgId", orgId)
        .atLeast("occurredAt", from)
        .before("occurredAt", to)
        .eq("teamId", teamId)
        .eq("userId", userId)
        .eq("keyPrefix", keyPrefix)
        .eq("servedModel", model)
        .eq("provider", provider)
        .eq("status", status)
        .eq("cacheOutcome", cacheOutcome);
  }
}
