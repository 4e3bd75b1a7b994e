package ai.hyperion.routing;

import ai.hyperion.config.DeploymentConfig;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.provider.Secret;
import ai.hyperion.routing.resilience.CircuitBreaker;
import ai.hyperion.routing.resilience.UpstreamKeyPool;
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
 * or its provider alone. One key pool per upstream (provider + base URL), shared by the models
 * served there. {@code provider/model} pass-through names get a deployment on first use.
 */
public final class DeploymentRegistry {

  private final GatewayConfig config;
  private final Clock clock;
  private final Map<String, List<ModelDeployment>> byModel = new ConcurrentHashMap<>();
  private final Map<String, UpstreamKeyPool> pools = new ConcurrentHashMap<>();

  public DeploymentRegistry(GatewayConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
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

  public Collection<ModelDeployment> all() {
    Map<String, ModelDeployment> all = new LinkedHashMap<>();
    byModel.values().forEach(list -> list.forEach(d -> all.put(d.id(), d)));
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
    return new ModelDeployment(
        modelId + "/" + d.effectiveId(),
        modelId,
        d.provider(),
        baseUrl,
        upstreamModel,
        d.weight(),
        provider,
        new CircuitBreaker(provider.breaker(), clock),
        pool);
  }
}
