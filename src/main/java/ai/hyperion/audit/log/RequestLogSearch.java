package ai.hyperion.audit.log;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Changes;
import ai.hyperion.audit.Column;
import ai.hyperion.audit.ExportFormat;
import ai.hyperion.audit.Exports;
import ai.hyperion.audit.FieldChange;
import ai.hyperion.audit.JpqlFilter;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Search and export of an organisation's request log, for its auditors and org admins and for
 * platform admins. Exports are recorded in the audit trail.
 */
@ApplicationScoped
public class RequestLogSearch {

  public static final List<Column<RequestLogRecord>> COLUMNS =
      List.of(
          Column.of("requestId", RequestLogRecord::requestId),
          Column.of("occurredAt", RequestLogRecord::occurredAt),
          Column.of("orgId", RequestLogRecord::orgId),
          Column.of("teamId", RequestLogRecord::teamId),
          Column.of("userId", RequestLogRecord::userId),
          Column.of("keyId", RequestLogRecord::keyId),
          Column.of("keyPrefix", RequestLogRecord::keyPrefix),
          Column.of("endpoint", RequestLogRecord::endpoint),
          Column.of("requestedModel", RequestLogRecord::requestedModel),
          Column.of("servedModel", RequestLogRecord::servedModel),
          Column.of("provider", RequestLogRecord::provider),
          Column.of("routeMode", RequestLogRecord::routeMode),
          Column.of("intent", RequestLogRecord::intent),
          Column.of("cacheOutcome", RequestLogRecord::cacheOutcome),
          Column.of("status", RequestLogRecord::status),
          Column.of("errorCode", RequestLogRecord::errorCode),
          Column.of("streamed", RequestLogRecord::streamed),
          Column.of("clientDisconnected", RequestLogRecord::clientDisconnected),
          Column.of("promptTokens", RequestLogRecord::promptTokens),
          Column.of("completionTokens", RequestLogRecord::completionTokens),
          Column.of("cachedTokens", RequestLogRecord::cachedTokens),
          Column.of("reasoningTokens", RequestLogRecord::reasoningTokens),
          Column.of("costUsd", RequestLogRecord::costUsd),
          Column.of("attempts", RequestLogRecord::attempts),
          Column.of("authMs", RequestLogRecord::authMs),
          Column.of("policyMs", RequestLogRecord::policyMs),
          Column.of("cacheMs", RequestLogRecord::cacheMs),
          Column.of("routeMs", RequestLogRecord::routeMs),
          Column.of("upstreamMs", RequestLogRecord::upstreamMs),
          Column.of("writeMs", RequestLogRecord::writeMs),
          Column.of("totalMs", RequestLogRecord::totalMs),
          Column.of("clientAddress", RequestLogRecord::clientAddress),
          Column.of("argumentBytes", RequestLogRecord::argumentBytes),
          Column.of("prompt", r -> body(r.promptBody())),
          Column.of("completion", r -> body(r.completionBody())));

  private final Transactions transactions;
  private final AuditTrail trail;

  @Inject
  public RequestLogSearch(Transactions transactions, AuditTrail trail) {
    this.transactions = transactions;
    this.trail = trail;
  }

  /** For the CDI proxy only. */
  protected RequestLogSearch() {
    this(null, null);
  }

  /** Newest first. */
  public Page<RequestLogRecord> search(Caller caller, RequestLogQuery query, PageRequest page) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(query.orgId()));
    return transactions.inTransaction(
        em ->
            query
                .filter()
                .page(em, RequestLogRecord.class, "e.occurredAt desc, e.requestId desc", page));
  }

  /** Oldest first, streamed in chunks continuing after the last (time, request id) written. */
  public StreamingOutput export(Caller caller, RequestLogQuery query, ExportFormat format) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(query.orgId()));
    List<FieldChange> asked = new ArrayList<>(Changes.between(null, query));
    asked.add(Changes.of("format", null, format.extension()));
    trail.recordAccess(caller, query.orgId(), AuditAction.EXPORT, "request-log", asked);
    return Exports.stream(
        format,
        COLUMNS,
        (last, chunk) ->
            transactions.inTransaction(
                em -> {
                  JpqlFilter filter = query.filter();
                  if (last != null) {
                    LocalDateTime at = LocalDateTime.ofInstant(last.occurredAt(), ZoneOffset.UTC);
                    filter.raw(
                        "e.occurredAt > :afterTime or (e.occurredAt = :afterTime"
                            + " and e.requestId > :afterId)",
                        Map.of("afterTime", at, "afterId", last.requestId()));
                  }
                  return filter.first(
                      em, RequestLogRecord.class, "e.occurredAt, e.requestId", chunk);
                }));
  }

  private static Object body(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return Json.parse(stored);
    } catch (JsonProcessingException e) {
      return stored;
    }
  }
}
