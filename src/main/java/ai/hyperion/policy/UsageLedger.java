package ai.hyperion.policy;

import ai.hyperion.persistence.Transactions;
import ai.hyperion.pipeline.RequestCompleted;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The usage ledger: one row per completed attempt, in the tenancy database, queued by the observer
 * of {@link RequestCompleted} ({@link LedgerRecorder} makes the rows). Queuing never blocks (see
 * {@link LedgerWriter} for what happens when the queue is full). A managed scheduled thread writes
 * the queue every {@code hyperion.policy.ledger.flush-millis}.
 */
@ApplicationScoped
public class UsageLedger {

  @Inject Transactions transactions;
  @Inject PriceBook prices;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "hyperion.policy.ledger.queue-capacity", defaultValue = "20000")
  int capacity;

  @Inject
  @ConfigProperty(name = "hyperion.policy.ledger.batch-size", defaultValue = "500")
  int batchSize;

  @Inject
  @ConfigProperty(name = "hyperion.policy.ledger.flush-millis", defaultValue = "250")
  long flushMillis;

  private LedgerWriter writer;
  private LedgerRecorder recorder;
  private ScheduledFuture<?> flushing;

  @PostConstruct
  void start() {
    writer = new LedgerWriter(transactions, capacity, batchSize);
    recorder = new LedgerRecorder(prices, Clock.systemUTC());
    flushing =
        scheduler.scheduleWithFixedDelay(
            writer::flush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
  }

  /** Queues the rows of a completed request (fired on the request's thread: only enqueues). */
  void onCompleted(@Observes RequestCompleted completed) {
    for (LedgerEntry entry : recorder.entries(completed)) {
      writer.offer(entry);
    }
  }

  /** Queues one attempt's row; false when the queue was full and it was dropped (counted). */
  public boolean record(LedgerEntry entry) {
    return writer.offer(entry);
  }

  /** Writes what is queued now, on the calling thread (tests, shutdown). */
  public int flush() {
    return writer.flush();
  }

  public LedgerWriter writer() {
    return writer;
  }

  @PreDestroy
  void stop() {
    if (flushing != null) {
      flushing.cancel(false);
    }
    writer.flush();
  }
}
