package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing and resilience through the running server, against OpenAI-compatible upstreams this test
 * scripts under {@code /routing/<name>/} of the fake's port (gateway-it.yaml's {@code rt-*}
 * providers at {@code /routing/<name without rt->/}, each with its own breaker and key pool, so the
 * tests do not share state; only {@code rt-stall} has first-byte and idle timeouts, 3 s, so a slow
 * machine does not time out the others): failures in fallback order, a breaker opening, probing and
 * closing, a 401 key taken out of its pool, a 429 honoured with its Retry-After, stalls before the
 * first byte and mid-stream, and the headers of each answer. Every upstream call is counted, so
 * retry storms show as counts over their bound.
 */
class RoutingIT extends GatewayIT {

  /** Every call a scripted upstream received: its name, the key it was called with, when. */
  record Call(String upstream, String key, long nanos, String body) {}

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();
  private static final Map<String, Boolean> FAILING = new ConcurrentHashMap<>();
  private static final AtomicBoolean LIMIT_ONCE = new AtomicBoolean(true);

  @BeforeEach
  void scriptUpstreams() {
    upstream.route("/routing/", RoutingIT::handle);
  }

  private static long calls(String upstream) {
    return CALLS.stream().filter(c -> c.upstream().equals(upstream)).count();
  }

  private static long calls(String upstream, String marker) {
    return CALLS.stream()
        .filter(c -> c.upstream().equals(upstream) && c.body().contains(marker))
        .count();
  }

  private static String withFallbacks(String model, String text, String... fallbacks) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.valueToTree(text)
        + "}],\"hyperion\":{\"fallbacks\":"
        + JSON.valueToTree(List.of(fallbacks))
        + "}}";
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void failuresFallBackInOrderAndAnOpenBreakerStopsTheCalls() throws Exception {
    HttpResponse<String> first =
        send(
            post(
                "/v1/chat/completions",
                withFallbacks("rt-fb-model", "fallback-order", "rt-refused-model", "rt-ok-model")));

    assertEquals(200, first.statusCode(), first.body());
    assertEquals("rt-ok-model", header(first, "x-hyperion-model"));
    assertEquals("rt-ok", header(first, "x-hyperion-provider"));
    assertEquals("fallback", header(first, "x-hyperion-route-mode"));
    assertNotNull(header(first, "x-hyperion-intent"));
    assertEquals(2, calls("rt-fb"), "one call and one bounded retry on the failing model");
    assertEquals(
        1,
        calls("rt-ok", "fallback-order"),
        "the refused model was tried before the last fallback");

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> next =
          send(
              post(
                  "/v1/chat/completions",
                  withFallbacks("rt-fb-model", "fallback-order " + i, "rt-ok-model")));
      assertEquals(200, next.statusCode(), next.body());
      assertEquals("rt-ok-model", header(next, "x-hyperion-model"));
    }
    assertEquals(
        3,
        calls("rt-fb"),
        "11 requests, 3 calls: the breaker (threshold 3) opened and no request called it again");
    assertEquals(11, calls("rt-ok", "fallback-order"));
  }

  @Test
  void aBreakerOpensThenLetsOneProbeThroughAndClosesOnItsSuccess() throws Exception {
    FAILING.put("rt-brk", true);
    HttpResponse<String> failed = send(post("/v1/chat/completions", chat("rt-brk-model", "hi")));
    assertEquals(502, failed.statusCode(), failed.body());
    assertEquals(2, calls("rt-brk"), "a call and one retry: two failures open the breaker");
    assertEquals("OPEN", breaker("rt-brk-model/rt-brk").path("state").asText());

    HttpResponse<String> refused = send(post("/v1/chat/completions", chat("rt-brk-model", "hi")));
    assertEquals(503, refused.statusCode(), refused.body());
    assertEquals("upstream_unavailable", json(refused).at("/error/code").asText());
    assertEquals(2, calls("rt-brk"), "an open breaker makes no upstream call");

    FAILING.put("rt-brk", false);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> answer;
    do {
      Thread.sleep(250);
      answer = send(post("/v1/chat/completions", chat("rt-brk-model", "hi")));
    } while (answer.statusCode() != 200 && System.nanoTime() < deadline);

    assertEquals(200, answer.statusCode(), "after open-seconds a probe goes through");
    assertEquals(3, calls("rt-brk"), "exactly one probe while half-open");
    JsonNode closed = breaker("rt-brk-model/rt-brk");
    assertEquals("CLOSED", closed.path("state").asText(), closed.toString());
    assertEquals(1, closed.path("timesOpened").asInt());
  }

  @Test
  void aKeyRefusedWith401LeavesThePoolAfterOneCall() throws Exception {
    for (int i = 0; i < 12; i++) {
      HttpResponse<String> response =
          send(post("/v1/chat/completions", chat("rt-pool-model", "pool " + i)));
      assertEquals(200, response.statusCode(), response.body());
    }
    List<String> keys =
        CALLS.stream().filter(c -> c.upstream().equals("rt-pool")).map(Call::key).toList();
    assertEquals(1, keys.stream().filter(k -> k.contains("bad")).count(), keys.toString());
    assertEquals(13, keys.size(), "12 answers and the one refused call, retried on another key");
    assertTrue(keys.stream().filter(k -> k.endsWith("00001")).count() >= 4, keys.toString());
    assertTrue(keys.stream().filter(k -> k.endsWith("00003")).count() >= 4, keys.toString());

    JsonNode pool = deployment("rt-pool-model/rt-pool").path("keys");
    assertEquals(3, pool.size(), pool.toString());
    assertFalse(pool.get(1).path("removedReason").asText().isEmpty(), pool.toString());
    assertFalse(pool.get(1).path("label").asText().contains("sk-rt-pool-bad"), "masked");
    assertTrue(pool.get(0).path("removedReason").asText().isEmpty(), pool.toString());
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterTheUpstreamAskedFor() throws Exception {
    LIMIT_ONCE.set(true);
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("rt-lim-model", "limited")));

    assertEquals(200, response.statusCode(), response.body());
    List<Call> calls = CALLS.stream().filter(c -> c.upstream().equals("rt-lim")).toList();
    assertEquals(2, calls.size(), "the 429 and one retry");
    long waitedMillis = (calls.get(1).nanos() - calls.get(0).nanos()) / 1_000_000;
    assertTrue(waitedMillis >= 950, "Retry-After: 1 honoured, waited " + waitedMillis + " ms");
  }

  @Test
  void aStallBeforeTheFirstByteTimesOutAndFallsBack() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            post(
                    "/v1/chat/completions",
                    stream(withFallbacks("rt-stall-model", "!stall-head", "rt-ok-model")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(200, response.statusCode());
    assertEquals("rt-ok-model", header(response, "x-hyperion-model"));
    assertEquals("fallback", header(response, "x-hyperion-route-mode"));
    List<String> lines = dataLines(response);
    assertEquals("[DONE]", lines.get(lines.size() - 1));
    assertEquals(2, calls("rt-stall", "!stall-head"), "first-byte timeout, one retry, fallback");
  }

  @Test
  void aStreamThatStallsMidWayEndsWithAnErrorAndIsNotRestartedElsewhere() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            post(
                    "/v1/chat/completions",
                    stream(withFallbacks("rt-stall-model", "!stall-mid", "rt-ok-model")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(200, response.statusCode());
    assertEquals("rt-stall-model", header(response, "x-hyperion-model"));
    List<String> lines = dataLines(response);
    assertFalse(lines.contains("[DONE]"), lines.toString());
    assertTrue(lines.get(0).contains("chat.completion.chunk"), "the bytes sent stay sent");
    JsonNode error = JSON.readTree(lines.get(lines.size() - 1)).path("error");
    assertEquals("upstream_idle_timeout", error.path("code").asText(), lines.toString());
    assertEquals(1, calls("rt-stall", "!stall-mid"), "a started stream is never retried");
    assertEquals(0, calls("rt-ok", "!stall-mid"), "nor restarted on a fallback");
  }

  @Test
  void everyAnswerSaysItsIntentRouteAndWhy() throws Exception {
    String code =
        "```python\ndef add(a, b):\n    return a + b\n```\n"
            + "Why does add(1, '2') raise a TypeError, and how do I fix the function?";
    HttpResponse<String> response =
        send(
            post("/v1/chat/completions", chat("rt-ok-model", code))
                .header("x-hyperion-debug", "1"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("code", header(response, "x-hyperion-intent"));
    assertEquals("passthrough", header(response, "x-hyperion-route-mode"));
    assertTrue(
        header(response, "x-hyperion-route-detail").startsWith("intent=code"),
        header(response, "x-hyperion-route-detail"));
    assertTrue(header(response, "Server-Timing").contains("route;dur="));
  }

  private JsonNode deployment(String id) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/admin/api/routing/deployments"))
                .header("Authorization", "Bearer " + KEY)
                .GET());
    assertEquals(200, response.statusCode(), response.body());
    for (JsonNode d : json(response).path("deployments")) {
      if (d.path("id").asText().equals(id)) {
        return d;
      }
    }
    throw new AssertionError("no deployment " + id + " in " + response.body());
  }

  private JsonNode breaker(String id) throws Exception {
    return deployment(id).path("breaker");
  }

  private static String stream(String body) {
    return body.replaceFirst("\\{", "{\"stream\":true,");
  }

  private static List<String> dataLines(HttpResponse<InputStream> response) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data: ")) {
          lines.add(line.substring(6));
        }
      }
    }
    return lines;
  }

  /** The scripted upstreams: {@code /routing/<name>/v1/chat/completions}. */
  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String name = "rt-" + exchange.getRequestURI().getPath().split("/")[2];
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String key = auth == null ? "" : auth.replace("Bearer ", "");
      CALLS.add(new Call(name, key, System.nanoTime(), body));
      boolean stream = body.contains("\"stream\":true");
      if (name.equals("rt-fb") || FAILING.getOrDefault(name, false)) {
        json(exchange, 500, "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
      } else if (key.contains("bad")) {
        json(exchange, 401, Fixtures.text("openai/error-401-invalid-api-key.json"));
      } else if (name.equals("rt-lim") && LIMIT_ONCE.getAndSet(false)) {
        exchange.getResponseHeaders().add("retry-after", "1");
        json(exchange, 429, Fixtures.text("openai/error-429-rate-limit-exceeded.json"));
      } else if (name.equals("rt-stall") && body.contains("!stall-head")) {
        sleep(10_000);
        json(exchange, 500, "{\"error\":{\"message\":\"too late\",\"type\":\"server_error\"}}");
      } else if (stream) {
        String[] events = Fixtures.text("openai/chat-stream-usage.sse").split("\n\n");
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < events.length; i++) {
          if (events[i].isBlank()) {
            continue;
          }
          if (i == 2 && name.equals("rt-stall") && body.contains("!stall-mid")) {
            sleep(10_000);
            return;
          }
          out.write((events[i].strip() + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } else {
        json(exchange, 200, Fixtures.text("openai/chat-text.json"));
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
