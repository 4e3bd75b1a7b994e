package ai.hyperion.audit.log;

import ai.hyperion.audit.settings.CompliancePolicies;
import ai.hyperion.audit.settings.OrgCompliance;
import ai.hyperion.persistence.Transactions;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The request log's writer. {@link #record} is the whole cost on the request path: an offer to a
 * bounded queue, never blocking; when the queue is full (the database is slow or down) the entry is
 * dropped and counted. A task on the managed scheduled executor drains the queue every {@code
 * flush-interval-ms} in batches of {@code batch-size}, one transaction per batch; body redaction
 * happens there, off the request path. A batch the database refuses is retried row by row, so one
 * bad row costs only itself.
 *
 * <p>Settings ({@code hyperion.audit.request-log.}): {@code enabled} (true), {@code queue-capacity}
 * (10000), {@code batch-size} (500), {@code flush-interval-ms} (250).
 */
@ApplicationScoped
public class RequestLog {

  static final String PREFIX = "hyperion.audit.request-log.";
  private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());

  private final Transactions transactions;
  private final CompliancePolicies policies;
  private final BlockingQueue<RequestLogEntry> queue;
  private final int batchSize;
  private final boolean enabled;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** Serialises drains: the scheduled task and a shutdown flush never run one at a time. */
  private final Object draining = new Object();

  @Resource ManagedScheduledExecutorService scheduler;
  private ScheduledFuture<?> task;

  @Inject
  public RequestLog(Transactions transactions, CompliancePolicies policies) {
    this(
        transactions,
        policies,
        setting("queue-capacity", 10_000),
        setting("batch-size", 500),
        ConfigProvider.getConfig()
            .getOptionalValue(PREFIX + "enabled", Boolean.class)
            .orElse(true));
  }

  public RequestLog(
      Transactions transactions,
      CompliancePolicies policies,
      int queueCapacity,
      int batchSize,
      boolean enabled) {
    this.transactions = transactions;
    this.policies = policies;
    this.queue = new ArrayBlockingQueue<>(Math.max(1, queueCapacity));
    this.batchSize = Math.max(1, batchSize);
    this.enabled = enabled;
  }

  /** For the CDI proxy only. */
  protected RequestLog() {
    this.transactions = null;
    this.policies = null;
    this.queue = null;
    this.batchSize = 1;
    this.enabled = false;
  }

  private static int setting(String name, int defaultValue) {
    return ConfigProvider.getConfig()
        .getOptionalValue(PREFIX + name, Integer.class)
        .orElse(defaultValue);
  }

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
    start(scheduler, setting("flush-interval-ms", 250));
  }

  /** Starts draining on {@code executor} every {@code intervalMillis}. */
  public synchronized void start(ScheduledExecutorService executor, long intervalMillis) {
    if (task == null && enabled) {
      task =
          executor.scheduleWithFixedDelay(
              this::drainQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** Hands one request's record to the writer. Never blocks; false when dropped. */
  public boolean record(RequestLogEntry entry) {
    if (!enabled) {
      return false;
    }
    if (queue.offer(entry)) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /** Writes everything queued now; returns how many rows were written. */
  public int drain() {
    synchronized (draining) {
      int total = 0;
      List<RequestLogEntry> batch = new ArrayList<>(batchSize);
      while (queue.drainTo(batch, batchSize) > 0) {
        total += write(batch);
        batch.clear();
      }
      return total;
    }
  }

  private void drainQuietly() {
    try {
      drain();
    } catch (RuntimeException e) {
      // The next run tries again; a scheduled task that throws would never run again.
      LOG.log(Level.WARNING, "Request log drain failed", e);
    }
  }

  private int write(List<RequestLogEntry> batch) {
    List<RequestLogRecord> rows = new ArrayList<>(batch.size());
    for (RequestLogEntry entry : batch) {
      rows.add(toRecord(entry));
    }
    try {
      transactions.inTransaction(em -> RequestLogRecord.INSERT.insert(em, rows));
      written.addAndGet(rows.size());
      return rows.size();
    } catch (RuntimeException batchFailed) {
      int ok = 0;
      for (RequestLogRecord row : rows) {
        try {
          transactions.inTransaction(em -> RequestLogRecord.INSERT.insert(em, List.of(row)));
          ok++;
        } catch (RuntimeException rowFailed) {
          failed.incrementAndGet();
          LOG.log(
              Level.WARNING,
              "Request log record " + row.requestId() + " could not be written",
              rowFailed);
        }
      }
      written.addAndGet(ok);
      return ok;
    }
  }

  RequestLogRecord toRecord(RequestLogEntry entry) {
    String prompt = null;
    String completion = null;
    if (entry.orgId() != null && (entry.prompt() != null || entry.completion() != null)) {
      OrgCompliance compliance = policies.forOrg(entry.orgId());
      if (compliance.logBodies()) {
        UnaryOperator<String> redact = compliance.pii().redactor();
        prompt = BodyRenderer.prompt(entry.prompt(), redact);
        completion = BodyRenderer.completion(entry.completion(), redact);
      }
    }
    return new RequestLogRecord(entry, prompt, completion);
  }

  public long dropped() {
    return dropped.get();
  }

  public long written() {
    return written.get();
  }

  public long failed() {
    return failed.get();
  }

  public int queued() {
    return queue.size();
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    try {
      drain();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Request log: entries still queued at shutdown were lost", e);
    }
  }
}
