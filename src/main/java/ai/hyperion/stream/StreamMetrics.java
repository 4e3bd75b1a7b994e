package ai.hyperion.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Open streams and what they hold for their clients, on {@code /metrics}: {@code
 * hyperion_stream_open}, {@code hyperion_stream_buffered_total} and {@code
 * hyperion_stream_buffered_max} (characters formatted for clients and not yet taken by their
 * connections, in all streams and in the fullest one: the measure {@code
 * hyperion.stream.buffer-bytes} bounds) and {@code hyperion_stream_stalled_clients_dropped}. Read
 * from the ticker when scraped; nothing on the stream path.
 */
@ApplicationScoped
public class StreamMetrics {

  @Inject StreamTicker ticker;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
    metrics.gauge("hyperion_stream_open", ticker, StreamTicker::openStreams);
    metrics.gauge("hyperion_stream_buffered_total", ticker, StreamTicker::bufferedTotal);
    metrics.gauge("hyperion_stream_buffered_max", ticker, StreamTicker::bufferedMax);
    metrics.gauge(
        "hyperion_stream_stalled_clients_dropped", ticker, StreamTicker::stalledClientsDropped);
  }
}
