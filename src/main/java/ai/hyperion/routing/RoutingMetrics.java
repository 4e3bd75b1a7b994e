package ai.hyperion.routing;

import ai.hyperion.routing.resilience.BreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Routing state as MicroProfile Metrics gauges, per deployment: {@code hyperion_breaker_state} (0
 * closed, 1 half-open, 2 open), {@code hyperion_breaker_opened} (times opened), {@code
 * hyperion_deployment_in_flight}, {@code hyperion_deployment_latency_ewma_ms}; and the affinity
 * table's {@code hyperion_affinity_hits}, {@code _misses}, {@code _moved}.
 */
@ApplicationScoped
public class RoutingMetrics {

  @Inject DeploymentBalancer balancer;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    for (ModelDeployment d : balancer.registry().all()) {
      Tag deployment = new Tag("deployment", d.id());
      metrics.gauge("hyperion_breaker_state", d, RoutingMetrics::breakerState, deployment);
      metrics.gauge(
          "hyperion_breaker_opened", d, x -> x.breaker().snapshot().timesOpened(), deployment);
      metrics.gauge("hyperion_deployment_in_flight", d, ModelDeployment::inFlight, deployment);
      metrics.gauge(
          "hyperion_deployment_latency_ewma_ms",
          d,
          x -> Double.isNaN(x.latencyEwmaMillis) ? 0.0 : x.latencyEwmaMillis,
          deployment);
    }
    PrefixAffinity affinity = balancer.affinity();
    metrics.gauge("hyperion_affinity_hits", affinity, a -> a.stats().hits());
    metrics.gauge("hyperion_affinity_misses", affinity, a -> a.stats().misses());
    metrics.gauge("hyperion_affinity_moved", affinity, a -> a.stats().moved());
  }

  private static int breakerState(ModelDeployment d) {
    BreakerState state = d.breaker().state();
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
