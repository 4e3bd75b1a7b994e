package ai.hyperion.audit.log;

import ai.hyperion.audit.settings.ComplianceSettings;
import ai.hyperion.persistence.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Deletes request-log rows older than their organisation's retention ({@code
 * requestLogRetentionDays} in its compliance settings, else {@code
 * hyperion.audit.request-log.retention-days}, 30 by default).
 */
@ApplicationScoped
public class RequestLogRetention {

  private final Transactions transactions;
  private final int defaultDays;

  @Inject
  public RequestLogRetention(Transactions transactions) {
    this(
        transactions,
        ConfigProvider.getConfig()
            .getOptionalValue(RequestLog.PREFIX + "retention-days", Integer.class)
            .orElse(30));
  }

  public RequestLogRetention(Transactions transactions, int defaultDays) {
    this.transactions = transactions;
    this.defaultDays = defaultDays;
  }

  /** For the CDI proxy only. */
  protected RequestLogRetention() {
    this(null, 30);
  }

  /** Returns how many rows were deleted. */
  public int sweep(Instant now) {
    return transactions.inTransaction(
        em -> {
          List<ComplianceSettings> own =
              em.createQuery(
                      "select s from ComplianceSettings s where s.requestLogRetentionDays is not"
                          + " null",
                      ComplianceSettings.class)
                  .getResultList();
          int deleted = 0;
          for (ComplianceSettings settings : own) {
            deleted +=
                em.createQuery(
                        "delete from RequestLogRecord r where r.orgId = :org and r.occurredAt <"
                            + " :cut")
                    .setParameter("org", settings.orgId())
                    .setParameter("cut", cutoff(now, settings.requestLogRetentionDays()))
                    .executeUpdate();
          }
          List<String> excluded = own.stream().map(ComplianceSettings::orgId).toList();
          String others = excluded.isEmpty() ? "" : " and r.orgId not in :own";
          Query byDefault =
              em.createQuery("delete from RequestLogRecord r where r.occurredAt < :cut" + others)
                  .setParameter("cut", cutoff(now, defaultDays));
          if (!excluded.isEmpty()) {
            byDefault.setParameter("own", excluded);
          }
          return deleted + byDefault.executeUpdate();
        });
  }

  private static LocalDateTime cutoff(Instant now, int days) {
    return LocalDateTime.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC);
  }
}
