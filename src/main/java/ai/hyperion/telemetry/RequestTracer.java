package ai.hyperion.telemetry;

import ai.hyperion.pipeline.AttemptScope;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.Stage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Traces data-plane requests through MicroProfile Telemetry: a {@code hyperion.request} span per
 * request (child of the server span, or of the client's W3C {@code traceparent}), a {@code
 * hyperion.upstream} child per attempt, made current while the attempt is sent so the upstream gets
 * its {@code traceparent}, and a {@code hyperion.stage.<name>} child per stage, written from the
 * Exchange's stage timings when the request completes (so the stages carry no tracing code). Off
 * unless the OpenTelemetry SDK is enabled ({@code otel.sdk.disabled=false}): with the no-op tracer
 * the request span does not record, nothing is kept and nothing is sent upstream.
 */
@ApplicationScoped
public class RequestTracer implements AttemptScope {

  private static final TextMapGetter<Function<String, String>> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> headers) {
          return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> headers, String name) {
          return headers == null ? null : headers.apply(name);
        }
      };

  private Tracer tracer;

  protected RequestTracer() {}

  @Inject
  public RequestTracer(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts the request's span; {@code headers} reads the request's headers by name. */
  public void begin(Exchange exchange, Function<String, String> headers) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      parent = W3CTraceContextPropagator.getInstance().extract(parent, headers, HEADERS);
    }
    Instant started = exchange.startedAt();
    Span span =
        tracer
            .spanBuilder("hyperion.request")
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(started)
            .setAttribute("hyperion.request_id", exchange.requestId())
            .setAttribute("hyperion.endpoint", exchange.endpoint())
            .startSpan();
    if (!span.isRecording()) {
      return;
    }
    long epochNanos = started.getEpochSecond() * 1_000_000_000L + started.getNano();
    exchange.trace(new RequestTrace(span, parent.with(span), epochNanos));
  }

  @Override
  public Entered enter(Exchange exchange, String provider) {
    if (!(exchange.trace() instanceof RequestTrace trace)) {
      return NONE.enter(exchange, provider);
    }
    Instant now = Instant.now();
    Span attempt =
        tracer
            .spanBuilder("hyperion.upstream")
            .setParent(trace.context())
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(now)
            .setAttribute("hyperion.provider", provider)
            .startSpan();
    trace.attemptStarted(attempt, now.getEpochSecond() * 1_000_000_000L + now.getNano());
    Scope scope = trace.context().with(attempt).makeCurrent();
    return scope::close;
  }

  void onCompleted(@Observes RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    if (!(exchange.trace() instanceof RequestTrace trace)) {
      return;
    }
    Map<Stage, Long> starts = exchange.stageStarts();
    exchange
        .timings()
        .forEach(
            (stage, nanos) -> {
              long start = trace.startEpochNanos() + starts.getOrDefault(stage, 0L);
              tracer
                  .spanBuilder("hyperion.stage." + stage.metricName())
                  .setParent(trace.context())
                  .setStartTimestamp(start, TimeUnit.NANOSECONDS)
                  .startSpan()
                  .end(start + nanos, TimeUnit.NANOSECONDS);
            });
    trace.endAttempts(completed.attempts());
    Span span = trace.span();
    span.setAttribute("http.response.status_code", completed.status());
    span.setAttribute("hyperion.route_mode", exchange.routeMode().headerValue());
    span.setAttribute("hyperion.cache", exchange.cacheStatus().headerValue());
    span.setAttribute("hyperion.streamed", completed.streamed());
    if (exchange.provider() != null) {
      span.setAttribute("hyperion.provider", exchange.provider());
      span.setAttribute("hyperion.model", exchange.servedModel());
    }
    if (exchange.tenant() != null) {
      span.setAttribute("hyperion.org", exchange.tenant().orgId());
    }
    if (completed.error() != null) {
      span.setStatus(StatusCode.ERROR, String.valueOf(completed.error().code()));
    }
    span.end();
  }
}
