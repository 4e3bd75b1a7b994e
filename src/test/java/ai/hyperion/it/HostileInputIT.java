package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input through the real HTTP path: every request below is answered with an OpenAI-shaped
 * 4xx/5xx within its timeout, and the server stays healthy, with bounded heap, afterwards (checked
 * once all tests of the class ran).
 */
class HostileInputIT extends GatewayIT {

  /** Generous bound for one hostile request on a loaded machine; the fakes hold 60 s. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(40);

  private static long heapBefore;

  private static HttpResponse<String> sendWithin(HttpRequest.Builder request) throws Exception {
    return send(request.timeout(ANSWER_WITHIN));
  }

  private static void assertOpenAiError(HttpResponse<String> response, int status, String param)
      throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("content-type").orElse("").startsWith("application/json"),
        response.headers().toString());
    JsonNode error = json(response).path("error");
    assertTrue(error.path("message").isTextual(), response.body());
    assertTrue(error.has("type") && error.has("param") && error.has("code"), response.body());
    if (param != null) {
      assertEquals(param, error.path("param").asText(), response.body());
    }
    assertFalse(response.body().contains("at ai.hyperion"), "no stack trace");
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return json(response).at("/error/message").asText();
  }

  @BeforeAll
  static void measureHeap() throws Exception {
    heapBefore = usedHeapAfterGc();
  }

  @Test
  void aSelfReferencingToolSchemaForGeminiIs400NamingTheNodeLimit() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("model", "gemini-2.5-flash");
    body.putArray("messages").addObject().put("role", "user").put("content", "ref bomb");
    ObjectNode function =
        body.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "explode");
    ObjectNode a = JSON.createObjectNode().put("type", "object");
    ObjectNode properties = a.putObject("properties");
    for (String p : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
      properties.putObject(p).put("$ref", "#/$defs/A");
    }
    ObjectNode parameters = function.putObject("parameters").put("$ref", "#/$defs/A");
    parameters.putObject("$defs").set("A", a);
    assertTrue(parameters.toString().length() < 400, parameters.toString());

    HttpResponse<String> response = sendWithin(post("/v1/chat/completions", body.toString()));

    assertOpenAiError(response, 400, "tools");
    assertTrue(message(response).contains("5000"), response.body());
    assertTrue(upstream.pathsContaining("ref bomb").isEmpty(), "nothing was sent upstream");
  }

  @Test
  void aThousandFallbacksAre400NamingTheLimit() throws Exception {
    ObjectNode body = (ObjectNode) JSON.readTree(chat("gpt-4o", "many fallbacks"));
    ArrayNode fallbacks = body.putObject("hyperion").putArray("fallbacks");
    for (int i = 0; i < 1_000; i++) {
      fallbacks.add("openai/model-" + i);
    }

    HttpResponse<String> response = sendWithin(post("/v1/chat/completions", body.toString()));

    assertOpenAiError(response, 400, "hyperion.fallbacks");
    assertTrue(message(response).contains("at most 5"), response.body());
    assertTrue(upstream.pathsContaining("many fallbacks").isEmpty());
  }

  @Test
  void tenThousandEmbeddingInputsAre400NamingTheLimit() throws Exception {
    ObjectNode body = JSON.createObjectNode().put("model", "text-embedding-3-small");
    ArrayNode input = body.putArray("input");
    for (int i = 0; i < 10_000; i++) {
      input.add("x");
    }

    HttpResponse<String> response = sendWithin(post("/v1/embeddings", body.toString()));

    assertOpenAiError(response, 400, "input");
    assertTrue(message(response).contains("2048"), response.body());
  }

  @Test
  void a64KibModelNameIsRefusedWithoutBeingEchoed() throws Exception {
    String huge = "m".repeat(64 * 1024);
    HttpResponse<String> response = sendWithin(post("/v1/chat/completions", chat(huge, "hi")));
    // 64 KiB of name is over this server's 64 KiB body limit: refused before it is even parsed.
    assertOpenAiError(response, 413, null);

    String long8k = "openai/" + "m".repeat(8 * 1024);
    HttpResponse<String> named = sendWithin(post("/v1/chat/completions", chat(long8k, "hi")));
    assertOpenAiError(named, 400, "model");
    assertTrue(message(named).contains("256"), named.body());
    assertTrue(named.body().length() < 2_000, "the name is not echoed back");
    assertTrue(named.headers().firstValue("x-hyperion-model").orElse("").length() <= 256);
  }

  @Test
  void crLfInAModelNameIs400AndInjectsNoHeader() throws Exception {
    for (String model : List.of("gpt-4o\r\nX-Injected: yes", "openai/gpt-4o\nX-Injected: yes")) {
      ObjectNode body = (ObjectNode) JSON.readTree(chat("gpt-4o", "hi"));
      body.put("model", model); // JSON-escaped: the gateway sees a real CR/LF in the name
      HttpResponse<String> response = sendWithin(post("/v1/chat/completions", body.toString()));
      assertOpenAiError(response, 400, "model");
      assertTrue(
          response.headers().firstValue("x-injected").isEmpty(), response.headers().toString());
    }
    ObjectNode body = (ObjectNode) JSON.readTree(chat("gpt-4o", "crlf fallback"));
    body.putObject("hyperion").putArray("fallbacks").add("openai/x\r\nX-Injected: yes");
    HttpResponse<String> fallback = sendWithin(post("/v1/chat/completions", body.toString()));
    assertOpenAiError(fallback, 400, "hyperion.fallbacks");
  }

  @Test
  void anUpstreamThatSendsHeadersThenStallsIsA504() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        sendWithin(post("/v1/chat/completions", chat("gpt-4o", "!stall headers")));

    assertOpenAiError(response, 504, null);
    assertEquals("upstream_timeout", json(response).at("/error/code").asText());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(ANSWER_WITHIN) < 0,
        "answered well before the client gave up");
  }

  @Test
  void anUpstreamBodyThatNeverEndsIsA504AndItsConnectionIsClosed() throws Exception {
    int closedBefore = upstream.closedTrickles();

    HttpResponse<String> response =
        sendWithin(post("/v1/chat/completions", chat("gpt-4o", "!endless body")));

    assertOpenAiError(response, 504, null);
    assertEquals("upstream_timeout", json(response).at("/error/code").asText());
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (upstream.closedTrickles() <= closedBefore && System.nanoTime() < until) {
      Thread.onSpinWait();
      Thread.sleep(20); // polling an external effect (the fake's socket), not a timing assert
    }
    assertTrue(upstream.closedTrickles() > closedBefore, "the gateway hung up on the upstream");
  }

  @Test
  void aStreamThatStallsAfterItsFirstChunkEndsWithAnErrorEvent() throws Exception {
    String body =
        "{\"model\":\"slow-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"!stall stream\"}]}";
    HttpResponse<InputStream> response =
        HTTP.send(
            post("/v1/chat/completions", body).timeout(ANSWER_WITHIN).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
    }
    String all = String.join("\n", lines);
    assertTrue(all.contains("chat.completion.chunk"), "the first chunk came through: " + all);
    assertTrue(all.contains("\"error\""), "the stream ends with an error event: " + all);
    // The provider's idle limit (its timeout-seconds here): a stream gone quiet, not one too long.
    assertTrue(all.contains("\"upstream_idle_timeout\""), all);
    assertFalse(all.contains("[DONE]"), "a stalled stream is not a clean finish: " + all);
  }

  @Test
  void upstreamErrorTextReachesTheTenantWithoutTheOperatorsAccountDetails() throws Exception {
    HttpResponse<String> response =
        sendWithin(post("/v1/chat/completions", chat("leaky-model", "!leaky")));

    // The upstream refused the operator's credentials: the tenant gets a 502, not the 403.
    assertOpenAiError(response, 502, null);
    assertEquals("model_not_found", json(response).at("/error/code").asText(), response.body());
    for (String leak : List.of("AbC123xyz", "9Zx8Yw7Vu6", "****abcd", "123456789012", "98765")) {
      assertFalse(response.body().contains(leak), leak + " leaked: " + response.body());
    }
  }

  @Test
  void aBodyNestedTwentyThousandLevelsIs400NamingTheNestingLimit() throws Exception {
    String deep =
        "{\"model\":\"gpt-4o\",\"messages\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}";

    HttpResponse<String> response = sendWithin(post("/v1/chat/completions", deep));

    assertOpenAiError(response, 400, null);
    assertTrue(message(response).contains("nesting depth"), response.body());
  }

  @Test
  void anEncodedSlashInThePathIsAnOpenAiShapedJsonError() throws Exception {
    // java.net.http would normalise nothing here, but a raw socket leaves no doubt what was sent.
    String raw =
        rawGet("/v1/requests/..%2F..%2Fetc%2Fpasswd", "Authorization: Bearer " + KEY + "\r\n");
    int status = Integer.parseInt(raw.substring(9, 12));
    assertTrue(status == 404 || status == 400, raw);
    String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    assertTrue(raw.toLowerCase().contains("content-type: application/json"), raw);
    assertFalse(body.toLowerCase().contains("<html"), raw);
    assertTrue(body.contains("\"error\""), raw);
    assertFalse(body.contains("root:"), raw);
  }

  @Test
  void anOversizedAdminBodyIs413() throws Exception {
    String huge = "{\"name\":\"" + "o".repeat(2 * 1024 * 1024) + "\"}";
    HttpResponse<String> response = sendWithin(post("/admin/api/orgs", huge));
    assertOpenAiError(response, 413, null);
    assertEquals("request_too_large", json(response).at("/error/code").asText());
  }

  @Test
  void inventedModelNamesDoNotGrowTheMetrics() throws Exception {
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> response =
          sendWithin(post("/v1/chat/completions", chat("openai/invented-" + i, "hello")));
      assertEquals(200, response.statusCode(), response.body());
    }
    String metrics = metrics("application");
    assertFalse(metrics.contains("invented-"), "no series per invented name");
    assertTrue(metrics.contains("model=\"other\""), "pass-through models share one label");
  }

  /** After every hostile request: still serving, and the heap did not run away. */
  @AfterAll
  static void serverIsHealthyAndHeapBounded() throws Exception {
    HttpResponse<String> health =
        HTTP.send(
            HttpRequest.newBuilder(uri("/health")).timeout(ANSWER_WITHIN).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
    HttpResponse<String> normal = sendWithin(post("/v1/chat/completions", chat("gpt-4o", "ok?")));
    assertEquals(200, normal.statusCode(), normal.body());
    long heapAfter = usedHeapAfterGc();
    // The IT server runs with -Xmx1536m (src/test/liberty/config/jvm.options); an exponential
    // $ref expansion or a buffered endless body would take all of it. What remains is noise:
    // caches warming, classes loaded, and garbage the parallel collector has not needed to
    // collect yet (152 MiB of it seen once, with 1 GiB in use before the class ran).
    assertTrue(
        heapAfter - heapBefore < 384L * 1024 * 1024,
        "heap grew from " + heapBefore + " to " + heapAfter + " bytes");
  }

  /**
   * The server's used heap as its base metrics report it, read a few times over two seconds and the
   * lowest taken: a collection in between shows what is really retained.
   */
  private static long usedHeapAfterGc() throws Exception {
    long lowest = Long.MAX_VALUE;
    Pattern used = Pattern.compile("(?m)^memory_usedHeap_bytes\\{[^}]*}\\s+([0-9.Ee+]+)");
    for (int i = 0; i < 5; i++) {
      Matcher m = used.matcher(metrics("base"));
      assertTrue(m.find(), "base metrics report the used heap");
      lowest = Math.min(lowest, (long) Double.parseDouble(m.group(1)));
      Thread.sleep(400); // spacing samples, not waiting for an outcome
    }
    return lowest;
  }

  private static String metrics(String scope) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/metrics?scope=" + scope))
                .timeout(ANSWER_WITHIN)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static String rawGet(String path, String headers) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", Integer.getInteger("it.http.port"))) {
      socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  + headers
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
