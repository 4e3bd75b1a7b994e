package ai.hyperion.pipeline;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.provider.ChatRequest;
import java.time.Instant;
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
  private final long startMillis;
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
  private String routeDetail;
  private String abArm;
  private CacheStatus cacheStatus = CacheStatus.BYPASS;
  private String cacheDetail;
  private volatile List<String> paramsAdjusted = List.of();
  private String cacheControl;
  private double cacheSavedCostUsd;
  private Admission admission = Admission.UNLIMITED;
  private String clientAddress;
  private ChatRequest prompt;
  private volatile RequestTrace trace;

  public Exchange(String endpoint, boolean debug) {
    this.requestId = newRequestId();
    this.endpoint = endpoint;
    this.startNanos = System.nanoTime();
    this.startMillis = System.currentTimeMillis();
    this.debug = debug;
  }

  /**
   * {@code req_}, the time in milliseconds (12 hex digits) and 80 random bits (20 hex digits). Ids
   * that grow with time land at the end of the database indexes they key (request log, usage
   * ledger, stored responses) instead of on a random page each.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[36];
    "req_".getChars(0, 4, id, 0);
    hex(System.currentTimeMillis(), 12, id, 4);
    hex(random.nextLong(), 16, id, 16);
    hex(random.nextInt(), 4, id, 32);
    return new String(id);
  }

  private static void hex(long value, int digits, char[] into, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
  }

  /** Runs a synchronous stage and records its duration. */
  public <T> T timed(Stage stage, Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(stage, start, System.nanoTime() - start);
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
    return result.whenComplete((value, failure) -> record(stage, start, System.nanoTime() - start));
  }

  /** Records a stage that has just ended after {@code nanos}. */
  public void record(Stage stage, long nanos) {
    record(stage, System.nanoTime() - nanos, nanos);
  }

  private void record(Stage stage, long stageStart, long nanos) {
    synchronized (stageNanos) {
      stageNanos.merge(stage, nanos, Long::sum);
    }
    RequestTrace current = trace;
    if (current != null) {
      current.stage(stage, epochNanos(stageStart), nanos);
    }
  }

  /** A {@link System#nanoTime()} reading of this request as wall-clock nanoseconds. */
  public long epochNanos(long nanoTime) {
    return startMillis * 1_000_000L + (nanoTime - startNanos);
  }

  /** The request's trace, or null when tracing is off. */
  public RequestTrace trace() {
    return trace;
  }

  public void trace(RequestTrace trace) {
    this.trace = trace;
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

  /** When the request arrived (wall clock). */
  public Instant startedAt() {
    return Instant.ofEpochMilli(startMillis);
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

  /**
   * The parameters the serving provider's policy changed ({@code field:old->new}), for the {@code
   * x-hyperion-params-adjusted} header; empty when none.
   */
  public List<String> paramsAdjusted() {
    return paramsAdjusted;
  }

  public void paramsAdjusted(List<String> changes) {
    this.paramsAdjusted = List.copyOf(changes);
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

  /** Why the router planned what it did, one line (the {@code x-hyperion-route-detail} header). */
  public String routeDetail() {
    return routeDetail;
  }

  public void routeDetail(String detail) {
    this.routeDetail = detail;
  }

  /** The A/B arm the request was assigned, {@code experiment=model}, or null. */
  public String abArm() {
    return abArm;
  }

  public void abArm(String arm) {
    this.abArm = arm;
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

  /** The client's IP address as the server saw it, or null. */
  public String clientAddress() {
    return clientAddress;
  }

  public void clientAddress(String address) {
    this.clientAddress = address;
  }

  /** The chat request as the client sent it (before masking), or null for other calls. */
  public ChatRequest prompt() {
    return prompt;
  }

  public void prompt(ChatRequest prompt) {
    this.prompt = prompt;
  }

  /** True the first time only: the request's completion is reported once. */
  public boolean markCompleted() {
    return completed.compareAndSet(false, true);
  }
}
