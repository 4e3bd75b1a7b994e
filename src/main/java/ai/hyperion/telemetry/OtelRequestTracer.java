package ai.hyperion.telemetry;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestTrace;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Request traces on an OpenTelemetry SDK: Liberty's (mpTelemetry) in the server, an in-memory one
 * in tests. The request span is a child of Liberty's server span when one is current (it already
 * read the client's {@code traceparent}); otherwise this reads the header itself.
 */
final class OtelRequestTracer implements RequestTracer {

  static final String INSTRUMENTATION = "ai.hyperion.gateway";

  private static final TextMapGetter<UnaryOperator<String>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(UnaryOperator<String> carrier) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(UnaryOperator<String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  OtelRequestTracer(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** The SDK that Liberty's mpTelemetry feature configured for this application. */
  static RequestTracer fromContainer() {
    return new OtelRequestTracer(CDI.current().select(OpenTelemetry.class).get());
  }

  @Override
  public RequestTrace start(Exchange exchange, UnaryOperator<String> headers) {
    Context parent = Context.current();
    boolean inServerSpan = Span.fromContext(parent).getSpanContext().isValid();
    if (!inServerSpan) {
      parent = propagator.extract(Context.root(), headers, HEADERS);
    }
    Span span =
        tracer
            .spanBuilder("hyperion.request")
            .setParent(parent)
            .setSpanKind(inServerSpan ? SpanKind.INTERNAL : SpanKind.SERVER)
            .setStartTimestamp(exchange.startedAt().toEpochMilli(), TimeUnit.MILLISECONDS)
            .setAttribute("hyperion.request_id", exchange.requestId())
            .setAttribute("hyperion.endpoint", exchange.endpoint())
            .startSpan();
    return new OtelRequestTrace(tracer, propagator, span);
  }
}
