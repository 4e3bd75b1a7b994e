package ai.hyperion.audit.guard;

import ai.hyperion.audit.pii.Detectors;
import ai.hyperion.audit.pii.PiiMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * {@code hyperion_pii_findings_total{detector,mode}}: findings masked or blocked in prompts. An
 * organisation's own patterns count as {@code custom}, so the labels stay the built-in names.
 */
@ApplicationScoped
public class PiiMetrics {

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private MetricRegistry registry;

  protected PiiMetrics() {}

  @Inject
  public PiiMetrics(@RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry r) {
    this.registry = r;
  }

  void found(Map<String, Integer> findings, PiiMode mode) {
    String modeLabel = mode.name().toLowerCase(Locale.ROOT);
    findings.forEach(
        (detector, count) -> {
          String name = Detectors.NAMES.contains(detector) ? detector : "custom";
          counters
              .computeIfAbsent(
                  name + '\u0000' + modeLabel,
                  key ->
                      registry.counter(
                          "hyperion_pii_findings_total",
                          new Tag("detector", name),
                          new Tag("mode", modeLabel)))
              .inc(count);
        });
  }
}
