package ai.hyperion.provider;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;

/**
 * Sends the current trace context upstream as W3C {@code traceparent} (and {@code tracestate}):
 * only when a span is current, which the gateway arranges around each attempt when tracing is on.
 */
final class TraceHeaders {

  private static final TextMapSetter<HttpRequest.Builder> SETTER =
      (builder, name, value) -> {
        if (builder != null) {
          builder.header(name, value);
        }
      };

  private TraceHeaders() {}

  static void inject(HttpRequest.Builder builder) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      W3CTraceContextPropagator.getInstance().inject(current, builder, SETTER);
    }
  }
}
