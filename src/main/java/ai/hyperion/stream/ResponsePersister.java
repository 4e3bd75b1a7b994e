package ai.hyperion.stream;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.pipeline.RequestCompleted;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the answers an organisation's persistence mode asks for: observes {@link RequestCompleted}
 * (synchronous, so it only enqueues) and writes the record on a small bounded pool of managed
 * threads; then forgets the request's live stream. A full queue drops the record (logged and
 * counted) rather than holding the thread that completed the request.
 */
@ApplicationScoped
public class ResponsePersister {

  private static final Logger LOG = Logger.getLogger(ResponsePersister.class.getName());
  static final int QUEUE = 10_000;

  @Inject ResponseStore store;
  @Inject StreamSettingsService settings;
  @Inject StreamStoreOptions options;
  @Inject LiveStreams live;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private final Clock clock = Clock.systemUTC();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private ThreadPoolExecutor writers;

  @PostConstruct
  void start() {
    int n = Math.max(1, options.writerThreads());
    writers =
        new ThreadPoolExecutor(
            n, n, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), threads);
  }

  @PreDestroy
  void stop() {
    writers.shutdown();
  }

  void completed(@Observes RequestCompleted completed) {
    TenantContext tenant = completed.tenant();
    String id = completed.exchange().requestId();
    // Chat-like calls only (chat completions, messages, responses): embeddings, look-ups of kept
    // answers and requests refused before their body was read have nothing to fetch later.
    boolean chat = completed.answer() != null || completed.exchange().prompt() != null;
    // Most answers are not kept (the default keeps only those of clients that left): when the
    // organisation's policy is at hand that is decided here, without a hand-off to a writer.
    if (tenant == null || !chat || !mayKeep(tenant.orgId(), completed.clientDisconnected())) {
      live.close(id);
      return;
    }
    try {
      writers.execute(() -> persist(completed, tenant));
    } catch (RejectedExecutionException full) {
      dropped.incrementAndGet();
      live.close(id);
      LOG.warning(() -> "Response store queue full: request " + id + " not persisted");
    }
  }

  private boolean mayKeep(String orgId, boolean clientDisconnected) {
    return settings
        .cachedPolicy(orgId)
        .map(policy -> policy.mode().keeps(clientDisconnected))
        .orElse(true);
  }

  private void persist(RequestCompleted completed, TenantContext tenant) {
    String id = completed.exchange().requestId();
    try {
      PersistencePolicy policy = settings.policy(tenant.orgId());
      if (!policy.mode().keeps(completed.clientDisconnected())) {
        return;
      }
      StoredRequest record = StoredRequests.of(completed, clock.instant());
      store.put(tenant.orgId(), id, record.createdAt(), StoredRequestCodec.encode(record));
      stored.incrementAndGet();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not persist the answer of request " + id, e);
    } finally {
      live.close(id);
    }
  }

  /** Records written since start. */
  public long stored() {
    return stored.get();
  }

  public long dropped() {
    return dropped.get();
  }

  Instant now() {
    return clock.instant();
  }
}
