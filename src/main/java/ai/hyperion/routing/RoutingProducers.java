package ai.hyperion.routing;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.provider.ResumeStates;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The routing runtime, created once from gateway.yaml: deployments with their adapters, breakers
 * and key pools, the prefix-affinity table, the balancer, the attempt runner (retry waits resume on
 * the managed executor) and the route planner.
 */
@ApplicationScoped
public class RoutingProducers {

  @Resource ManagedExecutorService executor;

  @Produces
  @Singleton
  DeploymentRegistry deploymentRegistry(
      GatewayConfig config, HttpClient http, ResumeStates states) {
    return new DeploymentRegistry(config, Clock.systemUTC(), http, states);
  }

  @Produces
  @Singleton
  PrefixAffinity prefixAffinity(GatewayConfig config) {
    return new PrefixAffinity(
        Duration.ofSeconds(config.routing().affinity().ttlSeconds()),
        config.routing().affinity().maxEntries(),
        Clock.systemUTC());
  }

  @Produces
  @Singleton
  DeploymentBalancer deploymentBalancer(
      GatewayConfig config, DeploymentRegistry registry, PrefixAffinity affinity) {
    return new DeploymentBalancer(
        registry, affinity, config.routing().balancer(), Clock.systemUTC());
  }

  @Produces
  @Singleton
  AttemptRunner attemptRunner(DeploymentBalancer balancer) {
    return new AttemptRunner(balancer, executor);
  }

  @Produces
  @Singleton
  RoutePlanner routePlanner(
      GatewayConfig config, ModelCatalog catalog, DeploymentBalancer balancer) {
    return new RoutePlanner(config, catalog, balancer);
  }
}
