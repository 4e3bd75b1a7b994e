package ai.hyperion.alerting;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.alerting.AlertViews.AlertView;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Fired alerts: listed (newest first, open ones or all) and acknowledged (audited). */
@ApplicationScoped
public class AlertService {

  private final Transactions transactions;
  private final AuditTrail audit;
  private final Clock clock;

  @Inject
  public AlertService(Transactions transactions, AuditTrail audit) {
    this(transactions, audit, Clock.systemUTC());
  }

  public AlertService(Transactions transactions, AuditTrail audit, Clock clock) {
    this.transactions = transactions;
    this.audit = audit;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected AlertService() {
    this(null, null, null);
  }

  public Page<AlertView> list(Caller caller, String orgId, boolean openOnly, PageRequest page) {
    AccessPolicy.require(caller, Area.AUDIT, Access.READ, Scope.org(orgId));
    String filter = " where a.orgId = :org" + (openOnly ? " and a.acknowledgedAt is null" : "");
    return transactions.inTransaction(
        em -> {
          long total =
              em.createQuery("select count(a) from Alert a" + filter, Long.class)
                  .setParameter("org", orgId)
                  .getSingleResult();
          List<AlertView> rows =
              em
                  .createQuery(
                      "select a from Alert a" + filter + " order by a.firedAt desc, a.id",
                      Alert.class)
                  .setParameter("org", orgId)
                  .setFirstResult(page.offset())
                  .setMaxResults(page.limit())
                  .getResultList()
                  .stream()
                  .map(AlertView::of)
                  .toList();
          return Page.of(rows, total, page);
        });
  }

  /** Idempotent: acknowledging twice keeps the first acknowledgement. */
  public AlertView acknowledge(Caller caller, String orgId, String alertId) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    return transactions.inTransaction(
        em -> {
          Alert alert = em.find(Alert.class, alertId);
          if (alert == null || !alert.orgId().equals(orgId)) {
            throw AdminApiException.notFound("alert", alertId);
          }
          AlertView before = AlertView.of(alert);
          alert.acknowledge(caller.userId(), clock.instant());
          em.flush();
          AlertView after = AlertView.of(alert);
          audit.record(
              em,
              caller,
              AuditEvent.changed(orgId, AuditAction.ACKNOWLEDGE, "alert", alertId, before, after));
          return after;
        });
  }
}
