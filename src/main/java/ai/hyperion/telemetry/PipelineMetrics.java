package ai.hyperion.telemetry;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The data plane's latency and outcome metrics (the names docs/grafana reads), from each request's
 * completion event:
 *
 * <ul>
 *   <li>{@code hyperion_stage_duration_seconds{stage}} — each pipeline stage, and {@code total};
 *   <li>{@code hyperion_upstream_duration_seconds{provider}} — each upstream attempt;
 *   <li>{@code hyperion_upstream_responses_total{provider,status}} — each attempt's HTTP status, or
 *       {@code timeout} / {@code connect_error};
 *   <li>{@code hyperion_cache_lookups_total{tier,outcome}} — hit, miss or bypass (tier of a hit);
 *   <li>{@code hyperion_limit_rejections_total{limit,level}} — 429 refusals by the policy.
 * </ul>
 *
 * Labels are stage names, configured provider names, HTTP statuses and fixed sets: never request
 * ids, requested model names or free text. Breaker states ({@code RoutingMetrics}), spend ({@code
 * UsageMeter}) and PII findings ({@code PiiInterceptor}) are registered by their owners. Meters are
 * looked up once per label set and kept: tagged registry look-ups are costly on the hot path.
 */
@ApplicationScoped
public class PipelineMetrics {

  static final String STAGE_TIMER = "hyperion.stage.duration";
  static final String UPSTREAM_TIMER = "hyperion.upstream.duration";

  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private MetricRegistry registry;

  protected PipelineMetrics() {}

  @Inject
  public PipelineMetrics(
      @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE) MetricRegistry registry) {
    this.registry = registry;
  }

  void onCompleted(@Observes RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    exchange
        .timings()
        .forEach(
            (stage, nanos) ->
                timer(STAGE_TIMER, "stage", stage.metricName()).update(Duration.ofNanos(nanos)));
    timer(STAGE_TIMER, "stage", "total").update(Duration.ofNanos(exchange.elapsedNanos()));
    List<AttemptRecord> attempts = completed.attempts();
    for (AttemptRecord attempt : attempts) {
      String provider = attempt.provider() == null ? "none" : attempt.provider();
      timer(UPSTREAM_TIMER, "provider", provider).update(Duration.ofNanos(attempt.nanos()));
      counter("hyperion_upstream_responses_total", "provider", provider, "status", status(attempt))
          .inc();
    }
    counter(
            "hyperion_cache_lookups_total",
            "tier",
            tier(exchange.cacheDetail()),
            "outcome",
            exchange.cacheStatus().headerValue())
        .inc();
    if (completed.status() == 429 && attempts.isEmpty() && completed.error() != null) {
      LimitRejection rejection =
          LimitRejection.of(completed.error().code(), completed.error().message());
      counter(
              "hyperion_limit_rejections_total",
              "limit",
              rejection.limit(),
              "level",
              rejection.level())
          .inc();
    }
  }

  static String status(AttemptRecord attempt) {
    if ("upstream_timeout".equals(attempt.errorCode())
        || "upstream_idle_timeout".equals(attempt.errorCode())) {
      return "timeout";
    }
    if (ProviderException.UNREACHABLE.equals(attempt.errorCode())) {
      return "connect_error";
    }
    return Integer.toString(attempt.status());
  }

  /** The tier named in the cache detail ({@code tier=semantic; ...}): exact, semantic or none. */
  static String tier(String detail) {
    if (detail == null) {
      return "none";
    }
    if (detail.contains("tier=semantic")) {
      return "semantic";
    }
    return detail.contains("tier=exact") ? "exact" : "none";
  }

  private Timer timer(String name, String tag, String value) {
    return timers.computeIfAbsent(
        name + '\u0000' + value, key -> registry.timer(name, new Tag(tag, value)));
  }

  /** Tags are made only for a new series: each one checks its name against a pattern. */
  private Counter counter(String name, String tag, String value, String tag2, String value2) {
    return counters.computeIfAbsent(
        name + '\u0000' + value + '\u0000' + value2,
        key -> registry.counter(name, new Tag(tag, value), new Tag(tag2, value2)));
  }
}
