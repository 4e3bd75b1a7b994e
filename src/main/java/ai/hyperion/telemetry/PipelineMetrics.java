package ai.hyperion.telemetry;

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
 * The data plane's latency and outcome metrics, from each request's completion event:
 *
 * <ul>
 *   <li>{@code hyperion_stage_duration_seconds{stage}} — time in each pipeline stage;
 *   <li>{@code hyperion_request_duration_seconds{streamed}} — arrival to the end of the answer;
 *   <li>{@code hyperion_upstream_duration_seconds{provider}} — each upstream attempt;
 *   <li>{@code hyperion_upstream_responses_total{provider,status}} — each attempt's outcome;
 *   <li>{@code hyperion_cache_lookups_total{outcome}} — hit, miss or bypass;
 *   <li>{@code hyperion_limit_rejections_total{code}} — requests refused with a 429 by the gateway.
 * </ul>
 *
 * Labels are stage names, configured provider names, HTTP statuses, cache outcomes and the
 * gateway's own error codes: bounded sets, never request ids, models asked for or free text.
 * Breaker states ({@code RoutingMetrics}) and spend ({@code UsageMeter}) are registered by their
 * owners. Meters are looked up once per label set and kept.
 */
@ApplicationScoped
public class PipelineMetrics {

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
                timer("hyperion_stage_duration_seconds", "stage", stage.metricName())
                    .update(Duration.ofNanos(nanos)));
    timer("hyperion_request_duration_seconds", "streamed", Boolean.toString(completed.streamed()))
        .update(Duration.ofNanos(exchange.elapsedNanos()));
    List<AttemptRecord> attempts = completed.attempts();
    for (AttemptRecord attempt : attempts) {
      timer("hyperion_upstream_duration_seconds", "provider", attempt.provider())
          .update(Duration.ofNanos(attempt.nanos()));
      counter(
              "hyperion_upstream_responses_total",
              new Tag("provider", attempt.provider()),
              new Tag("status", Integer.toString(attempt.status())))
          .inc();
    }
    counter(
            "hyperion_cache_lookups_total",
            new Tag("outcome", exchange.cacheStatus().headerValue()))
        .inc();
    if (completed.status() == 429 && attempts.isEmpty() && completed.error() != null) {
      String code = completed.error().code();
      counter("hyperion_limit_rejections_total", new Tag("code", code == null ? "none" : code))
          .inc();
    }
  }

  private Timer timer(String name, String tag, String value) {
    return timers.computeIfAbsent(
        name + '\u0000' + value, key -> registry.timer(name, new Tag(tag, value)));
  }

  private Counter counter(String name, Tag... tags) {
    StringBuilder key = new StringBuilder(name);
    for (Tag tag : tags) {
      key.append('\u0000').append(tag.getTagValue());
    }
    return counters.computeIfAbsent(key.toString(), k -> registry.counter(name, tags));
  }
}
