package ai.hyperion.metering;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Stage 6 (audit and write-back): meters requests, tokens and cost per tenant and model into
 * MicroProfile Metrics and writes one audit line per request (key prefix only, never the key). A
 * cache hit is metered at zero upstream tokens and cost; what it saved is counted apart. Counters
 * are looked up once per (metric, org, model, status) and kept: registry look-ups with tags are
 * costly on the hot path. Model labels come only from the catalog ({@link #modelLabel}).
 */
@ApplicationScoped
public class UsageMeter {

  private static final Logger AUDIT = Logger.getLogger("ai.hyperion.audit");

  static final String OTHER_MODEL = "other";

  private record CounterKey(String metric, String org, String model, String status) {}

  private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

  @Inject ModelCatalog catalog;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  void onCompleted(@Observes RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    String model = exchange.servedModel() == null ? "none" : exchange.servedModel();
    String label = modelLabel(model);
    TenantContext tenant = exchange.tenant();
    String org = tenant == null ? "anonymous" : tenant.orgId();
    // A cache hit used no upstream tokens and cost nothing upstream; its saving is counted.
    boolean fromCache = exchange.servedFromCache();
    Usage usage = fromCache ? null : completed.usage();
    double cost =
        usage == null
            ? 0
            : catalog
                .resolve(model)
                .map(CatalogModel::facts)
                .map(facts -> CostCalculator.cost(facts, usage))
                .orElse(0.0);
    counter("hyperion_requests_total", org, label, Integer.toString(completed.status())).inc();
    if (fromCache) {
      counter("hyperion_cache_saved_microusd_total", org, label, null)
          .inc(Math.round(exchange.cacheSavedCostUsd() * 1_000_000));
    }
    if (usage != null) {
      counter("hyperion_prompt_tokens_total", org, label, null).inc(usage.promptTokens());
      counter("hyperion_completion_tokens_total", org, label, null).inc(usage.completionTokens());
      counter("hyperion_cost_microusd_total", org, label, null).inc(Math.round(cost * 1_000_000));
    }
    AUDIT.fine(
        () ->
            String.format(
                Locale.ROOT,
                "request=%s org=%s key=%s endpoint=%s model=%s provider=%s mode=%s status=%d"
                    + " stream=%s disconnected=%s prompt=%d completion=%d cost_usd=%.6f"
                    + " cache=%s saved_usd=%.6f ms=%.1f",
                exchange.requestId(),
                org,
                tenant == null ? "-" : tenant.keyPrefix(),
                completed.endpoint(),
                model,
                exchange.provider(),
                exchange.routeMode().headerValue(),
                completed.status(),
                completed.streamed(),
                completed.clientDisconnected(),
                usage == null ? 0 : usage.promptTokens(),
                usage == null ? 0 : usage.completionTokens(),
                cost,
                exchange.cacheStatus().headerValue(),
                exchange.cacheSavedCostUsd(),
                exchange.elapsedNanos() / 1e6));
  }

  /**
   * The metric label of a served model: a catalog id, or {@code other} for any name a client chose
   * (pass-through {@code provider/model}, dedicated endpoints), so the number of series stays
   * bounded by the catalog and no tenant can grow the heap by inventing names. The audit line keeps
   * the real name.
   */
  String modelLabel(String model) {
    if (model.equals("none")) {
      return model;
    }
    CatalogModel known = catalog.names().get(model);
    return known != null && known.id().equals(model) ? model : OTHER_MODEL;
  }

  private Counter counter(String metric, String org, String model, String status) {
    return counters.computeIfAbsent(
        new CounterKey(metric, org, model, status),
        key ->
            key.status() == null
                ? metrics.counter(metric, new Tag("org", org), new Tag("model", model))
                : metrics.counter(
                    metric,
                    new Tag("org", org),
                    new Tag("model", model),
                    new Tag("status", status)));
  }
}
