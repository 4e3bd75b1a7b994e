package ai.hyperion.gateway;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.routing.AttemptRunner;
import ai.hyperion.routing.DeploymentBalancer;
import ai.hyperion.routing.DeploymentRegistry;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.routing.OrgRoutingPolicy;
import ai.hyperion.routing.PrefixAffinity;
import ai.hyperion.routing.RoutePlanner;
import ai.hyperion.routing.Router;
import java.time.Clock;
import java.time.Duration;

/** The orchestrator wired as in the server (router, planner, balancer, runner), without CDI. */
final class TestGateways {

  private TestGateways() {}

  static Gateway of(GatewayConfig config, DeploymentRegistry.AdapterFactory adapters) {
    DeploymentRegistry registry = new DeploymentRegistry(config, Clock.systemUTC(), adapters);
    DeploymentBalancer balancer =
        new DeploymentBalancer(
            registry,
            new PrefixAffinity(Duration.ofMinutes(5), 1000, Clock.systemUTC()),
            config.routing().balancer(),
            Clock.systemUTC());
    ModelCatalog catalog = new ModelCatalog(config);
    Router router =
        new Router(
            catalog,
            registry,
            new RoutePlanner(config, catalog, balancer),
            org -> OrgRoutingPolicy.NONE);
    AttemptExecutor executor =
        new AttemptExecutor(
            new GatewayMetrics() {
              @Override
              public void fallback(String fromProvider, String toProvider) {}
            },
            new AttemptRunner(balancer, Runnable::run));
    return new Gateway(router, executor, null);
  }
}
