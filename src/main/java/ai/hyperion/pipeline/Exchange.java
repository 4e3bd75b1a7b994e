package ai.hyperion.pipeline;

import ai.hyperion.auth.TenantContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The state of one data-plane request as it moves through the pipeline: identity, stage timings and
 * the routing outcome reported in the gateway headers. Stages run one after another (possibly on
 * different threads, with happens-before given by the CompletionStage chain), so plain fields are
 * enough; the timing map is synchronised because a client-side read of the headers may race a late
 * stage.
 */
public final class Exchange {

  public static final String PROPERTY = "ai.hyperion.exchange";

  private final String requestId;
  private final long startNanos;
  private final boolean debug;
  private final Map<Stage, Long> stageNanos = new EnumMap<>(Stage.class);
  private TenantContext tenant;
  private String requestedModel;
  private String provider;
  private String servedModel;
  private String intent = "general";
  private RouteMode routeMode = RouteMode.PASSTHROUGH;
  private CacheStatus cacheStatus = CacheStatus.BYPASS;
  private String cacheDetail;

  public Exchange(boolean debug) {
    this.requestId = newRequestId();
    this.startNanos = System.nanoTime();
    this.debug = debug;
  }

  private static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_"
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE)
        + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
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
}
