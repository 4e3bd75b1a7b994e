package ai.hyperion.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The orchestrator's own counters: fallbacks taken and failures inside the gateway. Labels are
 * configured provider names only, so their number is bounded by gateway.yaml. Counters are looked
 * up once and kept: tagged registry look-ups are costly on the hot path.
 */
@ApplicationScoped
public class GatewayMetrics {

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private MetricRegistry registry;

  protected GatewayMetrics() {}

  @Inject
  public GatewayMetrics(@RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry r) {
    this.registry = r;
  }

  /** A request moved from one provider's failed attempt to another attempt. */
  public void fallback(String fromProvider, String toProvider) {
    counters
        .computeIfAbsent(
            "fallback\u0000" + fromProvider + "\u0000" + toProvider,
            key ->
                registry.counter(
                    "hyperion_fallbacks_total",
                    new Tag("from_provider", fromProvider),
                    new Tag("to_provider", toProvider)))
        .inc();
  }

  /** A request failed because of a bug inside the gateway (logged with its stack trace). */
  public void internalError() {
    counters
        .computeIfAbsent("internal", key -> registry.counter("hyperion_internal_errors_total"))
        .inc();
  }
}
