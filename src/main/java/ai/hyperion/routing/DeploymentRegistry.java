package ai.hyperion.routing;

import ai.hyperion.config.BreakerConfig;
import ai.hyperion.config.DeploymentConfig;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.config.RetryConfig;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ProviderType;
import ai.hyperion.provider.ResumeStates;
import ai.hyperion.provider.Secret;
import ai.hyperion.routing.resilience.CircuitBreaker;
import ai.hyperion.routing.resilience.ObservedHttpClient;
import ai.hyperion.routing.resilience.UpstreamKeyPool;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every deployment of every catalog model, built from gateway.yaml: a model's {@code deployments},
 * or its provider alone. One adapter and one key pool per upstream (provider + base URL), shared by
 * the models served there; adapters are created with the registry, so an adapter gateway.yaml
 * cannot build fails the start. {@code provider/model} pass-through names get a deployment on first
 * use; a pinned upstream (a dedicated endpoint) gets a keyless OpenAI-compatible one per name and
 * base URL, replaced when the base URL changes.
 */
public final class DeploymentRegistry {

  /** A pinned upstream's timeouts: a woken endpoint may be slow to answer and to bind its port. */
  static final ProviderConfig PINNED =
      new ProviderConfig(
          ProviderType.OPENAI.configName(),
          null,
          List.of(),
          10,
          600,
          Map.of(),
          null,
          null,
          null,
          // A refused connection sent nothing: a just-woken server may still be binding its port.
          new RetryConfig(2, 250, 1000, null, true),
          BreakerConfig.DEFAULT);

  private final GatewayConfig config;
  private final Clock clock;

  /**
   * Builds the adapter of one upstream from its settings (gateway.yaml's, at one base URL); {@code
   * pool} is the upstream's key pool, to report the rate-limit headroom its answers show.
   */
  @FunctionalInterface
  public interface AdapterFactory {
    Provider create(ProviderSettings settings, UpstreamKeyPool pool);
  }

  private final AdapterFactory factory;
  private final Map<String, List<ModelDeployment>> byModel = new ConcurrentHashMap<>();
  private final Map<String, UpstreamKeyPool> pools = new ConcurrentHashMap<>();
  private final Map<String, Provider> adapters = new ConcurrentHashMap<>();
  private final Map<String, ModelDeployment> pinned = new ConcurrentHashMap<>();

  /** A registry without adapters, for tests that make the upstream calls themselves. */
  public DeploymentRegistry(GatewayConfig config, Clock clock) {
    this(config, clock, (AdapterFactory) null);
  }

  public DeploymentRegistry(GatewayConfig config, Clock clock, HttpClient http) {
    this(config, clock, http, new InMemoryResumeStates());
  }

  /**
   * Adapters on {@code http} (or a client with the provider's own connect timeout), observed for
   * their rate-limit headers, keeping resume state in {@code states}.
   */
  public DeploymentRegistry(
      GatewayConfig config, Clock clock, HttpClient http, ResumeStates states) {
    this(
        config,
        clock,
        (settings, pool) ->
            Adapters.create(
                settings,
                new ObservedHttpClient(Adapters.client(http, settings.connectTimeout()), pool),
                states));
  }

  public DeploymentRegistry(GatewayConfig config, Clock clock, AdapterFactory factory) {
    this.config = config;
    this.clock = clock;
    this.factory = factory;
    for (ModelConfig model : config.models()) {
      List<ModelDeployment> deployments = new ArrayList<>();
      for (DeploymentConfig d : model.effectiveDeployments()) {
        deployments.add(
            create(
                model.id(),
                d,
                d.upstreamModel() != null
                    ? d.upstreamModel()
                    : model.upstreamModel() != null ? model.upstreamModel() : model.id()));
      }
      byModel.put(model.id(), List.copyOf(deployments));
    }
  }

  /** The deployments of a resolved model (a pass-through model gets its one on first use). */
  public List<ModelDeployment> of(CatalogModel model) {
    List<ModelDeployment> known = byModel.get(model.id());
    if (known != null) {
      return known;
    }
    return byModel.computeIfAbsent(
        model.id(),
        id ->
            List.of(
                create(
                    id,
                    new DeploymentConfig(null, model.provider(), null, model.upstreamModel(), 1),
                    model.upstreamModel())));
  }

  /** The deployments registered for a model id (empty for an unknown or unused name). */
  public List<ModelDeployment> ofModel(String modelId) {
    return byModel.getOrDefault(modelId, List.of());
  }

  /**
   * The deployment serving a pinned upstream, created on first use and reused by every later
   * request to the same base URL (it holds no connection: the HTTP client is shared).
   */
  public ModelDeployment pinned(PinnedUpstream upstream) {
    String baseUrl = upstream.baseUrl().toString();
    return pinned.compute(
        upstream.name(),
        (name, current) ->
            current != null
                    && current.baseUrl().equals(baseUrl)
                    && current.upstreamModel().equals(upstream.model())
                ? current
                : pinnedDeployment(name, baseUrl, upstream.model()));
  }

  private ModelDeployment pinnedDeployment(String name, String baseUrl, String model) {
    UpstreamKeyPool pool = new UpstreamKeyPool(name, List.of(), clock);
    return new ModelDeployment(
        model + "/" + name,
        model,
        name,
        baseUrl,
        model,
        1,
        PINNED,
        new CircuitBreaker(PINNED.breaker(), clock),
        pool,
        factory == null ? null : factory.create(Adapters.settings(name, PINNED, baseUrl), pool));
  }

  /**
   * Whether a provider lists keys in gateway.yaml but none resolved (an unset environment
   * variable): calling it keyless would only earn a 401.
   */
  public boolean keysUnresolved(String provider) {
    ProviderConfig c = config.providers().get(provider);
    return c != null
        && !c.apiKeys().isEmpty()
        && c.apiKeys().stream().allMatch(k -> k == null || k.isBlank());
  }

  public Collection<ModelDeployment> all() {
    Map<String, ModelDeployment> all = new LinkedHashMap<>();
    byModel.values().forEach(list -> list.forEach(d -> all.put(d.id(), d)));
    pinned.values().forEach(d -> all.put(d.id(), d));
    return all.values();
  }

  public Optional<ModelDeployment> find(String id) {
    return all().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  private ModelDeployment create(String modelId, DeploymentConfig d, String upstreamModel) {
    ProviderConfig provider = config.providers().get(d.provider());
    String baseUrl = d.baseUrl() != null ? d.baseUrl() : provider.baseUrl();
    String upstream = d.provider() + (d.baseUrl() == null ? "" : "@" + d.baseUrl());
    UpstreamKeyPool pool =
        pools.computeIfAbsent(
            upstream,
            name ->
                new UpstreamKeyPool(
                    d.baseUrl() == null ? d.provider() : d.effectiveId(),
                    provider.apiKeys().stream().map(Secret::new).toList(),
                    clock));
    Provider adapter =
        factory == null
            ? null
            : adapters.computeIfAbsent(
                upstream,
                name -> factory.create(Adapters.settings(d.provider(), provider, baseUrl), pool));
    return new ModelDeployment(
        modelId + "/" + d.effectiveId(),
        modelId,
        d.provider(),
        baseUrl,
        upstreamModel,
        d.weight(),
        provider,
        new CircuitBreaker(provider.breaker(), clock),
        pool,
        adapter);
  }

  /** How many upstreams (provider + base URL) have an adapter. */
  public int upstreams() {
    return adapters.size();
  }
}
