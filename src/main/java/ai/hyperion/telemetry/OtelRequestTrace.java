package ai.hyperion.telemetry;

import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RequestTrace;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request's spans: the request span, a child per timed stage (made when the stage reports its
 * start and duration, the same figures as {@code Server-Timing}) and a child per upstream attempt
 * (live, so its {@code traceparent} can go upstream). Attributes name the tenant's org, models,
 * provider, route, cache outcome and status: never keys, prompts or answers.
 */
final class OtelRequestTrace implements RequestTrace {

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Span request;
  private final Context context;

  OtelRequestTrace(Tracer tracer, TextMapPropagator propagator, Span request) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.request = request;
    this.context = Context.root().with(request);
  }

  @Override
  public void stage(Stage stage, long startEpochNanos, long durationNanos) {
    tracer
        .spanBuilder(stage.metricName())
        .setParent(context)
        .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
        .setAttribute("hyperion.stage", stage.metricName())
        .startSpan()
        .end(startEpochNanos + durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public Attempt attempt(String provider, String model, RouteMode mode) {
    Span span =
        tracer
            .spanBuilder("upstream attempt")
            .setParent(context)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("hyperion.provider", provider)
            .setAttribute("hyperion.model", model)
            .setAttribute("hyperion.route_mode", mode.headerValue())
            .startSpan();
    Map<String, String> headers = new HashMap<>(2);
    propagator.inject(Context.root().with(span), headers, Map::put);
    return new OtelAttempt(span, headers.get("traceparent"));
  }

  @Override
  public void end(RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    if (completed.tenant() != null) {
      request.setAttribute("hyperion.org_id", completed.tenant().orgId());
    }
    setIfPresent("hyperion.model.requested", exchange.requestedModel());
    setIfPresent("hyperion.model.served", exchange.servedModel());
    setIfPresent("hyperion.provider", exchange.provider());
    request.setAttribute("hyperion.route_mode", exchange.routeMode().headerValue());
    request.setAttribute("hyperion.cache", exchange.cacheStatus().headerValue());
    request.setAttribute("hyperion.attempts", completed.attempts().size());
    request.setAttribute("hyperion.streamed", completed.streamed());
    request.setAttribute("http.response.status_code", completed.status());
    if (completed.error() != null) {
      request.setAttribute("hyperion.error_code", completed.error().code());
    }
    if (completed.status() >= 500) {
      request.setStatus(StatusCode.ERROR);
    }
    request.end();
  }

  private void setIfPresent(String key, String value) {
    if (value != null) {
      request.setAttribute(key, value);
    }
  }

  private record OtelAttempt(Span span, String traceparent) implements Attempt {

    @Override
    public void end(AttemptRecord outcome) {
      span.setAttribute("http.response.status_code", outcome.status());
      if (outcome.errorCode() != null) {
        span.setAttribute("hyperion.error_code", outcome.errorCode());
      }
      if (outcome.status() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }
}
