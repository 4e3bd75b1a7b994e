package ai.hyperion.audit.log;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The request log writer's health on {@code /metrics}: {@code hyperion_request_log_queued} (rows
 * waiting), {@code hyperion_request_log_written}, {@code hyperion_request_log_dropped} (queue full)
 * and {@code hyperion_request_log_failed} (refused by the database). Read from the writer's
 * counters when scraped; nothing on the request path.
 */
@ApplicationScoped
public class RequestLogMetrics {

  @Inject RequestLog log;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
    metrics.gauge("hyperion_request_log_queued", log, RequestLog::queued);
    metrics.gauge("hyperion_request_log_written", log, RequestLog::written);
    metrics.gauge("hyperion_request_log_dropped", log, RequestLog::dropped);
    metrics.gauge("hyperion_request_log_failed", log, RequestLog::failed);
  }
}
