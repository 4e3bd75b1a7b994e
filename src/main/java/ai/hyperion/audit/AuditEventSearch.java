package ai.hyperion.audit;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Search, export and verification of an organisation's audit trail, for its auditors and org admins
 * and for platform admins (the {@link Area#AUDIT} row of the access matrix). Exports are themselves
 * recorded in the trail.
 */
@ApplicationScoped
public class AuditEventSearch {

  public static final List<Column<AuditRecord>> COLUMNS =
      List.of(
          Column.of("id", AuditRecord::id),
          Column.of("orgId", AuditRecord::chainId),
          Column.of("seq", AuditRecord::seq),
          Column.of("occurredAt", AuditRecord::occurredAt),
          Column.of("actorUserId", AuditRecord::actorUserId),
          Column.of("actorOrgId", AuditRecord::actorOrgId),
          Column.of("actorKeyPrefix", AuditRecord::actorKeyPrefix),
          Column.of("actorRole", AuditRecord::actorRole),
          Column.of("clientAddress", AuditRecord::clientAddress),
          Column.of("userAgent", AuditRecord::userAgent),
          Column.of("action", AuditRecord::action),
          Column.of("resourceType", AuditRecord::resourceType),
          Column.of("resourceId", AuditRecord::resourceId),
          Column.of("outcome", AuditRecord::outcome),
          Column.of("status", AuditRecord::status),
          Column.of("errorCode", AuditRecord::errorCode),
          Column.of("method", AuditRecord::method),
          Column.of("path", AuditRecord::path),
          Column.of("changes", AuditEventSearch::changes),
          Column.of("prevHash", AuditRecord::prevHash),
          Column.of("hash", AuditRecord::hash));

  private final Transactions transactions;
  private final AuditTrail trail;
  private final AuditVerifier verifier;

  @Inject
  public AuditEventSearch(Transactions transactions, AuditTrail trail, AuditVerifier verifier) {
    this.transactions = transactions;
    this.trail = trail;
    this.verifier = verifier;
  }

  /** For the CDI proxy only. */
  protected AuditEventSearch() {
    this(null, null, null);
  }

  /** Newest first. */
  public Page<AuditRecord> search(Caller caller, AuditQuery query, PageRequest page) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(query.orgId()));
    return transactions.inTransaction(
        em -> query.filter().page(em, AuditRecord.class, "e.seq desc", page));
  }

  /** Oldest first, streamed in chunks after the last sequence number written. */
  public StreamingOutput export(Caller caller, AuditQuery query, ExportFormat format) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(query.orgId()));
    trail.recordAccess(
        caller, query.orgId(), AuditAction.EXPORT, "audit-event", asked(query, format));
    return Exports.stream(
        format,
        COLUMNS,
        (last, chunk) ->
            transactions.inTransaction(
                em -> {
                  JpqlFilter filter = query.filter();
                  if (last != null) {
                    filter.raw("e.seq > :afterSeq", Map.of("afterSeq", last.seq()));
                  }
                  return filter.first(em, AuditRecord.class, "e.seq", chunk);
                }));
  }

  public ChainVerification verify(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(orgId));
    return verifier.verify(orgId);
  }

  static List<FieldChange> asked(Object query, ExportFormat format) {
    List<FieldChange> asked = new ArrayList<>(Changes.between(null, query));
    asked.add(Changes.of("format", null, format.extension()));
    return asked;
  }

  private static Object changes(AuditRecord record) {
    try {
      return Json.parse(record.changes());
    } catch (JsonProcessingException e) {
      // A row edited into invalid JSON: show it as text; verification reports the edit.
      return record.changes();
    }
  }
}
