package ai.hyperion.pipeline;

import ai.hyperion.auth.TenantContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The state of one data-plane request as it moves through the pipeline: identity, stage timings,
 * the policy's admission, the upstream attempts and the routing outcome reported in the gateway
 * headers. Stages run one after another (possibly on different threads, with happens-before given
 * by the CompletionStage chain), so plain fields are enough; the timing map and the attempt list
 * are synchronised because a late stage (a stream's end) may race the answer's headers.
 */
public final class Exchange {

  public static final String PROPERTY = "ai.hyperion.exchange";

  private final String requestId;
  private final String endpoint;
  private final long startNanos;
  private final boolean debug;
  private final Map<Stage, Long> stageNanos = new EnumMap<>(Stage.class);
  private final List<AttemptRecord> attempts = new ArrayList<>();
  private final AtomicBoolean completed = new AtomicBoolean();
  private TenantContext tenant;
  private String requestedModel;
  private String provider;
  private String servedModel;
  private String intent = "general";
  private RouteMode routeMode = RouteMode.PASSTHROUGH;
  private CacheStatus cacheStatus = CacheStatus.BYPASS;
  private String cacheDetail;
  private String cacheControl;
  private double cacheSavedCostUsd;
  private Admission admission = Admission.UNLIMITED;

  public Exchange(String endpoint, boolean debug) {
    this.requestId = newRequestId();
    this.endpoint = endpoint;
    this.startNanos = System.nanoTime();
    this.debug = debug;
  }

  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_"
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }

  /** Runs a synchronous stage and records its duration. */
  public <T> T timed(Stage stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(stage, System.nanoTime() - start);
    }
  }

  /**
   * Runs an asynchronous stage and records its duration until its result is ready; a stage that
   * throws instead of returning a failed result is turned into one.
   */
  public <T> CompletionStage<T> timedAsync(Stage stage, Supplier<CompletionStage<T>> work) {
    long start = System.nanoTime();
    CompletionStage<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((value, failure) -> record(stage, System.nanoTime() - start));
  }

  public void record(Stage stage, long nanos) {
    synchronized (stageNanos) {
      stageNanos.merge(stage, nanos, Long::sum);
    }
  }

  /** A snapshot of the recorded stage durations in nanoseconds, in pipeline order. */
  public Map<Stage, Long> timings() {
    synchronized (stageNanos) {
      return new EnumMap<>(stageNanos);
    }
  }

  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  public String requestId() {
    return requestId;
  }

  /** The data-plane path the request came in on. */
  public String endpoint() {
    return endpoint;
  }

  public boolean debug() {
    return debug;
  }

  public TenantContext tenant() {
    return tenant;
  }

  public void tenant(TenantContext tenant) {
    this.tenant = tenant;
  }

  public String requestedModel() {
    return requestedModel;
  }

  public void requestedModel(String model) {
    this.requestedModel = model;
  }

  public String provider() {
    return provider;
  }

  public String servedModel() {
    return servedModel;
  }

  public void servedBy(String provider, String model, RouteMode mode) {
    this.provider = provider;
    this.servedModel = model;
    this.routeMode = mode;
  }

  public String intent() {
    return intent;
  }

  public void intent(String intent) {
    this.intent = intent;
  }

  public RouteMode routeMode() {
    return routeMode;
  }

  /** How the request is routed before anything served it (a dedicated endpoint's path). */
  public void routeMode(RouteMode mode) {
    this.routeMode = mode;
  }

  public CacheStatus cacheStatus() {
    return cacheStatus;
  }

  public String cacheDetail() {
    return cacheDetail;
  }

  public void cache(CacheStatus status, String detail) {
    this.cacheStatus = status;
    this.cacheDetail = detail;
  }

  /** The request's {@code Cache-Control} header, or null. */
  public String cacheControl() {
    return cacheControl;
  }

  public void cacheControl(String header) {
    this.cacheControl = header;
  }

  /**
   * On a cache hit, what the upstream call would have cost in USD (the hit itself costs nothing
   * upstream); 0 otherwise. Usage observers read it with {@link #cacheStatus()}.
   */
  public double cacheSavedCostUsd() {
    return cacheSavedCostUsd;
  }

  public void cacheSaving(double savedCostUsd) {
    this.cacheSavedCostUsd = savedCostUsd;
  }

  /** Whether the answer came from the cache (no upstream attempt, no upstream cost). */
  public boolean servedFromCache() {
    return cacheStatus == CacheStatus.HIT;
  }

  public Admission admission() {
    return admission;
  }

  public void admission(Admission admission) {
    this.admission = admission;
  }

  public void attempted(AttemptRecord attempt) {
    synchronized (attempts) {
      attempts.add(attempt);
    }
  }

  public List<AttemptRecord> attempts() {
    synchronized (attempts) {
      return List.copyOf(attempts);
    }
  }

  /** True the first time only: the request's completion is reported once. */
  public boolean markCompleted() {
    return completed.compareAndSet(false, true);
  }
}
