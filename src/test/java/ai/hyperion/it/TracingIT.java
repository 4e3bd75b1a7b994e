package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.FakeProviders;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces end to end: a gateway started with {@code OTEL_SDK_DISABLED=false} and deployed the
 * production way (hyperion-app.xml: apps/, third-party API visibility) exports its spans over OTLP
 * (HTTP, protobuf) to a receiver this test runs on 127.0.0.1; the fake upstream records the {@code
 * traceparent} each attempt sent.
 */
class TracingIT {

  private static final String BOOTSTRAP_KEY =
      "hk-Tracing1_" + UUID.randomUUID().toString().replace("-", "");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final List<Span> RECEIVED = new CopyOnWriteArrayList<>();

  private static HttpServer collector;
  private static FakeProviders upstream;
  private static LibertyServer server;

  @BeforeAll
  static void startTracedGateway() throws Exception {
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              body = new GZIPInputStream(body);
            }
            for (ResourceSpans resource :
                ExportTraceServiceRequest.parseFrom(body.readAllBytes()).getResourceSpansList()) {
              for (ScopeSpans scope : resource.getScopeSpansList()) {
                RECEIVED.addAll(scope.getSpansList());
              }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
          }
        });
    collector.start();
    upstream = new FakeProviders(LibertyServer.freePort());
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
    server =
        LibertyServer.create(
            "hyperion-tracing",
            Map.ofEntries(
                Map.entry("OTEL_SDK_DISABLED", "false"),
                Map.entry("OTEL_SERVICE_NAME", "hyperion-it"),
                Map.entry("OTEL_TRACES_EXPORTER", "otlp"),
                Map.entry("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
                Map.entry("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint),
                Map.entry("OTEL_BSP_SCHEDULE_DELAY", "100"),
                Map.entry("HYPERION_BOOTSTRAP_KEY", BOOTSTRAP_KEY),
                Map.entry(
                    "HYPERION_CONFIG_PATH",
                    Path.of("src/test/resources/gateway-it.yaml").toAbsolutePath().toString()),
                Map.entry("IT_UPSTREAM_PORT", Integer.toString(upstream.port())),
                Map.entry(
                    "IT_FIXTURES",
                    Path.of("src/test/resources/fixtures").toAbsolutePath().toString()),
                Map.entry("HYPERION_CLUSTER_NAME", "it-tracing-" + UUID.randomUUID()),
                Map.entry("HYPERION_CLUSTER_PORT", Integer.toString(LibertyServer.freePort())),
                Map.entry("HYPERION_CACHE_DEFAULT_EXACT_ENABLED", "false")));
    server.deployAsDeclaredApplication();
    server.start();
    AdminClient client = new AdminClient(server.baseUrl());
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (client.get("/admin/api/me", BOOTSTRAP_KEY).status() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // The HTTP port opens before the application has started.
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "the traced gateway did not start within 240 s:\n" + server.messages());
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void aRequestIsOneSpanWithStageChildrenAndAnAttemptPerUpstreamCallInTheClientsTrace()
      throws Exception {
    String traceId = HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 16);
    String marker = "traced-" + UUID.randomUUID();
    HttpResponse<String> response =
        chat(
            "{\"model\":\"fake-500\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + marker
                + "\"}],\"hyperion\":{\"fallbacks\":[\"gpt-4o-mini\"]}}",
            "00-" + traceId + "-00f067aa0ba902b7-01");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("gpt-4o-mini", response.headers().firstValue("x-hyperion-model").orElseThrow());
    List<Span> trace = spansOf(traceId, 8);
    Span request = named(trace, "hyperion.request");
    // Liberty's server span, the request span's parent, ends (and is exported) a little later.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!reachesSpan(trace, request, "00f067aa0ba902b7") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      trace = spansOf(traceId, 8);
    }
    assertTrue(
        reachesSpan(trace, request, "00f067aa0ba902b7"),
        "the request span descends from the client's span: " + lineage(trace, request));
    assertTrue(
        request.getAttributesList().stream()
            .anyMatch(a -> a.getKey().equals("hyperion.org_id") && !text(a).isEmpty()),
        "the request span names the org");
    assertEquals("fake-500", attribute(request, "hyperion.model.requested"));
    assertEquals("gpt-4o-mini", attribute(request, "hyperion.model.served"));
    assertEquals("bypass", attribute(request, "hyperion.cache"), "the exact cache is off here");
    for (String stage : List.of("auth", "policy", "cache", "route", "upstream")) {
      assertEquals(
          hex(request.getSpanId()),
          hex(named(trace, stage).getParentSpanId()),
          stage + " is a child of the request span");
    }
    List<Span> attempts =
        trace.stream().filter(s -> s.getName().equals("upstream attempt")).toList();
    assertEquals(2, attempts.size(), "the failed primary and the fallback: " + names(trace));
    Set<String> attemptParents =
        attempts.stream()
            .map(a -> "00-" + traceId + "-" + hex(a.getSpanId()) + "-01")
            .collect(Collectors.toSet());
    List<FakeProviders.Seen> seen = upstream.requestsContaining(marker);
    assertEquals(2, seen.size());
    assertEquals(
        attemptParents,
        seen.stream().map(s -> s.headers().get("traceparent")).collect(Collectors.toSet()),
        "each upstream call carries its attempt's span as parent");
    for (Span attempt : attempts) {
      assertEquals(hex(request.getSpanId()), hex(attempt.getParentSpanId()));
    }
  }

  @Test
  void withoutATraceparentTheGatewayStartsATraceAndStillSendsOneUpstream() throws Exception {
    String marker = "untraced-client-" + UUID.randomUUID();
    HttpResponse<String> response =
        chat(
            "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + marker
                + "\"}]}",
            null);

    assertEquals(200, response.statusCode(), response.body());
    String traceparent = upstream.lastRequestContaining(marker).headers().get("traceparent");
    assertTrue(
        traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
        String.valueOf(traceparent));
    String traceId = traceparent.substring(3, 35);
    List<Span> trace = spansOf(traceId, 6);
    Span request = named(trace, "hyperion.request");
    assertEquals(hex(request.getSpanId()), hex(named(trace, "upstream attempt").getParentSpanId()));
    assertFalse(
        RECEIVED.stream()
            .flatMap(s -> s.getAttributesList().stream())
            .anyMatch(a -> text(a).contains(BOOTSTRAP_KEY) || text(a).contains(marker)),
        "spans hold no keys and no prompt text");
  }

  private HttpResponse<String> chat(String body, String traceparent)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (traceparent != null) {
      request.header("traceparent", traceparent);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The spans of one trace, once at least {@code count} of them arrived (10 s at most). */
  private static List<Span> spansOf(String traceId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<Span> trace = List.of();
    while (System.nanoTime() < deadline) {
      trace = RECEIVED.stream().filter(s -> hex(s.getTraceId()).equals(traceId)).toList();
      if (trace.size() >= count
          && trace.stream().anyMatch(s -> s.getName().equals("hyperion.request"))) {
        return trace;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "trace " + traceId + " has " + names(trace) + "; received " + RECEIVED.size() + " spans");
  }

  /** Whether {@code span}'s parents, followed through {@code trace}, reach {@code ancestor}. */
  private static boolean reachesSpan(List<Span> trace, Span span, String ancestor) {
    return lineage(trace, span).contains(ancestor);
  }

  /** {@code span}'s parent chain: span names (and kinds) where received, else the bare id. */
  private static List<String> lineage(List<Span> trace, Span span) {
    List<String> chain = new ArrayList<>();
    Span current = span;
    while (current != null && !current.getParentSpanId().isEmpty()) {
      String parentId = hex(current.getParentSpanId());
      current =
          trace.stream().filter(s -> hex(s.getSpanId()).equals(parentId)).findFirst().orElse(null);
      chain.add(current == null ? parentId : current.getName() + " (" + current.getKind() + ")");
    }
    return chain;
  }

  private static Span named(List<Span> trace, String name) {
    return trace.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + names(trace)));
  }

  private static String names(List<Span> spans) {
    return spans.stream().map(Span::getName).toList().toString();
  }

  private static String attribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key))
        .map(TracingIT::text)
        .findFirst()
        .orElse("");
  }

  private static String text(KeyValue attribute) {
    return attribute.getValue().getStringValue();
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }
}
