package ai.hyperion.audit.log;

import ai.hyperion.audit.AuditRetention;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs retention on the managed scheduled executor every {@code
 * hyperion.audit.retention-interval-minutes} (60): the request log per org, the audit trail after
 * {@code hyperion.audit.trail.retention-days} (365). Every instance runs it; deletes of the same
 * rows are idempotent, and the audit pruner locks each chain's head.
 */
@ApplicationScoped
public class RetentionJobs {

  private static final Logger LOG = Logger.getLogger(RetentionJobs.class.getName());

  @Inject RequestLogRetention requestLog;
  @Inject AuditRetention auditTrail;
  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> task;

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
    long minutes =
        ConfigProvider.getConfig()
            .getOptionalValue("hyperion.audit.retention-interval-minutes", Long.class)
            .orElse(60L);
    task = scheduler.scheduleWithFixedDelay(this::run, 1, minutes, TimeUnit.MINUTES);
  }

  void run() {
    Instant now = Instant.now();
    int days =
        ConfigProvider.getConfig()
            .getOptionalValue("hyperion.audit.trail.retention-days", Integer.class)
            .orElse(365);
    try {
      int requests = requestLog.sweep(now);
      long audits = auditTrail.pruneAll(now.minus(Duration.ofDays(days)));
      LOG.fine(
          () ->
              "Retention deleted " + requests + " request-log rows, " + audits + " audit records");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Retention run failed; the next run tries again", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
