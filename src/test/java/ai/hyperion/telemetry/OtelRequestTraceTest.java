package ai.hyperion.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RequestTrace;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.testing.Tenants;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OtelRequestTraceTest {

  private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CLIENT_SPAN = "00f067aa0ba902b7";
  private static final String CLIENT_TRACEPARENT = "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01";

  private final InMemorySpanExporter exported = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
  private final OtelRequestTracer tracer =
      new OtelRequestTracer(
          OpenTelemetrySdk.builder()
              .setTracerProvider(provider)
              .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
              .build());

  @AfterEach
  void shutDown() {
    provider.close();
  }

  @Test
  void aRequestIsOneSpanWithAChildPerStageAndPerUpstreamAttemptInTheClientsTrace() {
    Exchange exchange = traced(Map.of("traceparent", CLIENT_TRACEPARENT));
    exchange.tenant(Tenants.member("org-trace", "hk-abc", Set.of("*")));
    exchange.requestedModel("gpt-4o-mini");
    exchange.timed(Stage.AUTH, () -> null);
    exchange.timedAsync(Stage.POLICY, () -> CompletableFuture.completedFuture(null));
    exchange.cache(CacheStatus.MISS, null);
    exchange.timed(Stage.CACHE, () -> null);
    exchange.timed(Stage.ROUTE, () -> null);
    RequestTrace.Attempt first =
        exchange.trace().attempt("openai", "gpt-4o-mini", RouteMode.PASSTHROUGH);
    first.end(
        new AttemptRecord(
            "openai", "gpt-4o-mini", RouteMode.PASSTHROUGH, 503, "upstream_error", 5));
    RequestTrace.Attempt second =
        exchange.trace().attempt("anthropic", "claude-haiku-4-5", RouteMode.FALLBACK);
    second.end(
        new AttemptRecord("anthropic", "claude-haiku-4-5", RouteMode.FALLBACK, 200, null, 7));
    exchange.servedBy("anthropic", "claude-haiku-4-5", RouteMode.FALLBACK);
    exchange.record(Stage.UPSTREAM, 12_000);
    exchange.trace().end(completed(exchange, 200, null));

    List<SpanData> spans = exported.getFinishedSpanItems();
    SpanData request = only(spans, "hyperion.request");
    assertEquals(CLIENT_TRACE, request.getTraceId(), "the client's trace is continued");
    assertEquals(CLIENT_SPAN, request.getParentSpanId());
    assertEquals(SpanKind.SERVER, request.getKind());
    assertEquals("org-trace", attribute(request, "hyperion.org_id"));
    assertEquals("gpt-4o-mini", attribute(request, "hyperion.model.requested"));
    assertEquals("claude-haiku-4-5", attribute(request, "hyperion.model.served"));
    assertEquals("anthropic", attribute(request, "hyperion.provider"));
    assertEquals("fallback", attribute(request, "hyperion.route_mode"));
    assertEquals("miss", attribute(request, "hyperion.cache"));
    assertEquals(
        200L, request.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
    for (String stage : List.of("auth", "policy", "cache", "route", "upstream")) {
      SpanData child = only(spans, stage);
      assertEquals(CLIENT_TRACE, child.getTraceId(), stage);
      assertEquals(request.getSpanId(), child.getParentSpanId(), stage);
      assertFalse(child.getStartEpochNanos() > child.getEndEpochNanos(), stage);
    }
    SpanData upstream = only(spans, "upstream");
    assertEquals(12_000, upstream.getEndEpochNanos() - upstream.getStartEpochNanos());
    List<SpanData> attempts =
        spans.stream().filter(s -> s.getName().equals("upstream attempt")).toList();
    assertEquals(2, attempts.size());
    assertEquals(SpanKind.CLIENT, attempts.get(0).getKind());
    assertEquals(request.getSpanId(), attempts.get(0).getParentSpanId());
    assertEquals("openai", attribute(attempts.get(0), "hyperion.provider"));
    assertEquals("upstream_error", attribute(attempts.get(0), "hyperion.error_code"));
    assertEquals("claude-haiku-4-5", attribute(attempts.get(1), "hyperion.model"));
    assertEquals(
        "00-" + CLIENT_TRACE + "-" + attempts.get(0).getSpanId() + "-01",
        first.traceparent(),
        "the upstream sees the attempt as its parent");
  }

  @Test
  void withoutATraceparentTheRequestStartsATraceOfItsOwn() {
    Exchange exchange = traced(Map.of("traceparent", "garbage"));
    exchange.timed(Stage.AUTH, () -> null);
    exchange.trace().end(completed(exchange, 401, GatewayError.of(new IllegalStateException())));

    SpanData request = only(exported.getFinishedSpanItems(), "hyperion.request");
    assertTrue(request.getSpanContext().isValid());
    assertFalse(request.getParentSpanContext().isValid());
    assertNull(attribute(request, "hyperion.org_id"), "no tenant was resolved");
    assertEquals(
        request.getSpanId(), only(exported.getFinishedSpanItems(), "auth").getParentSpanId());
  }

  @Test
  void spansNeverCarryKeysOrPrompts() {
    Exchange exchange = traced(Map.of());
    exchange.tenant(Tenants.member("org-secret-free", "hk-live-prefix", Set.of("*")));
    exchange.timed(Stage.AUTH, () -> null);
    exchange.trace().end(completed(exchange, 200, null));

    String everything =
        exported.getFinishedSpanItems().stream()
            .map(span -> span.getAttributes().toString())
            .collect(Collectors.joining());
    assertFalse(everything.contains("hk-live-prefix"), everything);
    assertTrue(everything.contains("org-secret-free"), everything);
  }

  @Test
  void anUntracedExchangeRecordsItsStagesAsBefore() {
    Exchange exchange = new Exchange("/v1/chat/completions", true);
    exchange.timed(Stage.AUTH, () -> null);

    assertNull(exchange.trace());
    assertTrue(exchange.timings().containsKey(Stage.AUTH));
    assertTrue(exported.getFinishedSpanItems().isEmpty());
  }

  private Exchange traced(Map<String, String> headers) {
    Exchange exchange = new Exchange("/v1/chat/completions", false);
    exchange.trace(tracer.start(exchange, headers::get));
    return exchange;
  }

  private static RequestCompleted completed(Exchange exchange, int status, GatewayError error) {
    return new RequestCompleted(
        exchange, status, error, null, null, false, false, exchange.attempts());
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertEquals(1, named.size(), name + " in " + spans);
    return named.get(0);
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }
}
