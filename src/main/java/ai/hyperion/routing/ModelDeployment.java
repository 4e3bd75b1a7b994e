package ai.hyperion.routing;

import ai.hyperion.config.ProviderConfig;
import ai.hyperion.provider.Provider;
import ai.hyperion.routing.resilience.CircuitBreaker;
import ai.hyperion.routing.resilience.UpstreamKeyPool;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One place serving one catalog model: a provider reached at a base URL through its adapter, the
 * upstream model name there, its balancing weight, its own circuit breaker and latency statistics,
 * and the key pool of its upstream (adapter and pool shared with the other models served at the
 * same provider and base URL). The statistics are atomics or volatile: read and written by any
 * request thread.
 */
public final class ModelDeployment {

  /** What the admin API and metrics show. */
  public record Snapshot(
      String id,
      String model,
      String provider,
      String baseUrl,
      String upstreamModel,
      int weight,
      int inFlight,
      Double latencyEwmaMillis,
      long samples,
      Instant ejectedUntil,
      CircuitBreaker.Snapshot breaker,
      List<UpstreamKeyPool.KeyHealth> keys) {}

  private final String id;
  private final String model;
  private final String provider;
  private final String baseUrl;
  private final String upstreamModel;
  private final int weight;
  private final ProviderConfig settings;
  private final CircuitBreaker breaker;
  private final UpstreamKeyPool keys;
  private final Provider adapter;
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicLong samples = new AtomicLong();
  volatile double latencyEwmaMillis = Double.NaN;
  volatile Instant ejectedUntil = Instant.MIN;

  ModelDeployment(
      String id,
      String model,
      String provider,
      String baseUrl,
      String upstreamModel,
      int weight,
      ProviderConfig settings,
      CircuitBreaker breaker,
      UpstreamKeyPool keys,
      Provider adapter) {
    this.id = id;
    this.model = model;
    this.provider = provider;
    this.baseUrl = baseUrl;
    this.upstreamModel = upstreamModel;
    this.weight = weight;
    this.settings = settings;
    this.breaker = breaker;
    this.keys = keys;
    this.adapter = adapter;
  }

  /** The adapter calls go through (null only in registries built without an HTTP client). */
  public Provider adapter() {
    if (adapter == null) {
      throw new IllegalStateException("deployment " + id + " has no adapter (test registry)");
    }
    return adapter;
  }

  /** {@code <model>/<provider>} or {@code <model>/<provider>@host:port}. */
  public String id() {
    return id;
  }

  public String model() {
    return model;
  }

  public String provider() {
    return provider;
  }

  /** The base URL calls go to (the provider's unless the deployment names its own). */
  public String baseUrl() {
    return baseUrl;
  }

  public String upstreamModel() {
    return upstreamModel;
  }

  public int weight() {
    return weight;
  }

  /** The provider's timeouts and retry settings. */
  public ProviderConfig settings() {
    return settings;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public UpstreamKeyPool keys() {
    return keys;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public Snapshot snapshot() {
    double ewma = latencyEwmaMillis;
    Instant ejected = ejectedUntil;
    return new Snapshot(
        id,
        model,
        provider,
        baseUrl,
        upstreamModel,
        weight,
        inFlight.get(),
        Double.isNaN(ewma) ? null : Math.round(ewma * 10) / 10.0,
        samples.get(),
        ejected.equals(Instant.MIN) ? null : ejected,
        breaker.snapshot(),
        keys.snapshot());
  }
}
