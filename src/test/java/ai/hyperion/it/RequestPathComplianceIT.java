package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import ai.hyperion.testing.FakeProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance stages on the live request path: one request-log record per request (streams and
 * client disconnects included) with stage timings, key prefix, route mode, cache outcome, tokens
 * and cost; PII masked before the upstream (asserted on what the fake upstream received) and
 * restored in answers and streams, or blocked with a 400; bodies stored redacted; Prometheus text
 * on {@code /metrics}; spend and error alerts sent once by e-mail (GreenMail) and signed webhook,
 * then quiet during the cooldown.
 */
class RequestPathComplianceIT extends GatewayIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String WEBHOOK_SECRET = "whsec-0123456789abcdef";

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String adminKey;
  private String memberKey;

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "path-" + suffix))).text("/id");
    adminKey = keyOf(user("boss-" + suffix, "ORG_ADMIN"));
    memberKey = keyOf(user("dev-" + suffix, "MEMBER"));
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String base() {
    return "/admin/api/orgs/" + org;
  }

  private String user(String name, String role) throws Exception {
    return created(
            client.post(base() + "/users", KEY, obj("email", name + "@it.test", "role", role)))
        .text("/id");
  }

  private String keyOf(String userId) throws Exception {
    return created(
            client.post(
                base() + "/keys",
                KEY,
                obj("name", "main", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  private HttpResponse<String> chatAs(String key, String body, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String streamed(String model, String text) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.valueToTree(text)
        + "}]}";
  }

  /** The org's request-log records once {@code done} holds for them (newest first). */
  private JsonNode requestLog(Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    JsonNode data;
    do {
      Answer page = client.get(base() + "/request-log?limit=100", adminKey);
      assertEquals(200, page.status(), page.raw());
      data = page.path("/data");
      if (done.test(data)) {
        return data;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the request log never got there: " + data);
  }

  private static JsonNode record(JsonNode records, String requestId) {
    for (JsonNode record : records) {
      if (requestId.equals(record.path("requestId").asText())) {
        return record;
      }
    }
    return null;
  }

  /** A unique marker no PII detector can match (no digit runs). */
  private static String letters() {
    return "mk" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
  }

  private static String assistantText(String sse) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode delta = JSON.readTree(line.substring(6)).at("/choices/0/delta/content");
        if (delta.isTextual()) {
          text.append(delta.asText());
        }
      }
    }
    return text.toString();
  }

  @Test
  void everyRequestLeavesOneRecordWithStagesTokensAndCost() throws Exception {
    String marker = "log-" + UUID.randomUUID();
    HttpResponse<String> plain = chatAs(memberKey, chat("gpt-4o", marker));
    assertEquals(200, plain.statusCode(), plain.body());
    HttpResponse<String> stream = chatAs(memberKey, streamed("gpt-4o", marker));
    assertEquals(200, stream.statusCode(), stream.body());
    HttpResponse<String> failed = chatAs(memberKey, chat("gpt-4o-mini", "!500 " + marker));
    assertTrue(failed.statusCode() >= 500, failed.body());
    String plainId = plain.headers().firstValue("x-hyperion-request-id").orElseThrow();
    String streamId = stream.headers().firstValue("x-hyperion-request-id").orElseThrow();
    String failedId = failed.headers().firstValue("x-hyperion-request-id").orElseThrow();

    JsonNode records =
        requestLog(
            data ->
                record(data, plainId) != null
                    && record(data, streamId) != null
                    && record(data, failedId) != null);
    assertEquals(3, records.size(), "one record per request: " + records);

    JsonNode one = record(records, plainId);
    assertEquals(memberKey.substring(3, 11), one.path("keyPrefix").asText());
    assertEquals("/v1/chat/completions", one.path("endpoint").asText());
    assertEquals("gpt-4o", one.path("servedModel").asText());
    assertEquals("openai", one.path("provider").asText());
    assertEquals("passthrough", one.path("routeMode").asText());
    assertEquals("bypass", one.path("cacheOutcome").asText());
    assertEquals(200, one.path("status").asInt());
    assertEquals(16, one.path("promptTokens").asInt(), one.toString());
    assertEquals(363, one.path("completionTokens").asInt());
    // gpt-4o costs $2.50 / $10.00 per million tokens in gateway-it.yaml.
    assertEquals((16 * 2.5 + 363 * 10.0) / 1e6, one.path("costUsd").asDouble(), 1e-9);
    assertTrue(one.path("upstreamMs").asDouble() > 0, one.toString());
    assertTrue(one.path("authMs").isNumber(), one.toString());
    assertTrue(one.path("totalMs").asDouble() >= one.path("upstreamMs").asDouble());
    assertEquals("127.0.0.1", one.path("clientAddress").asText());
    assertTrue(one.path("prompt").isNull(), "bodies are off by default: " + one);

    JsonNode streamRecord = record(records, streamId);
    assertTrue(streamRecord.path("streamed").asBoolean());
    assertFalse(streamRecord.path("clientDisconnected").asBoolean());
    assertTrue(streamRecord.path("completionTokens").asInt() > 0, streamRecord.toString());

    JsonNode failedRecord = record(records, failedId);
    assertEquals(failed.statusCode(), failedRecord.path("status").asInt());
    assertFalse(failedRecord.path("errorCode").asText().isEmpty(), failedRecord.toString());
    assertFalse(failedRecord.path("errorCode").isNull(), failedRecord.toString());
    assertTrue(failedRecord.path("attempts").asInt() >= 1, failedRecord.toString());
  }

  @Test
  void aStreamWhoseClientWentAwayIsLoggedAsDisconnected() throws Exception {
    String gate = "cw-" + UUID.randomUUID();
    String body = streamed("gpt-4o", "!gate:" + gate);
    String requestId;
    try (Socket socket =
        new Socket(InetAddress.getLoopbackAddress(), Integer.getInteger("it.http.port"))) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + memberKey
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      String id = null;
      while ((line = in.readLine()) != null && !line.contains("data:")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("x-hyperion-request-id:")) {
          id = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      assertNotNull(line, "the first event arrived");
      requestId = id;
      socket.setSoLinger(true, 0);
    }
    assertNotNull(requestId);
    upstream.open(gate);
    JsonNode records = requestLog(data -> record(data, requestId) != null);
    JsonNode record = record(records, requestId);
    assertTrue(record.path("streamed").asBoolean(), record.toString());
    assertTrue(record.path("clientDisconnected").asBoolean(), record.toString());
  }

  @Test
  void maskModeSendsPlaceholdersUpstreamAndRestoresTheAnswerAndTheStream() throws Exception {
    Answer settings =
        client.patch(
            base() + "/compliance-settings",
            adminKey,
            obj("piiMode", "MASK", "restoreAnswers", true, "logBodies", true));
    assertEquals(200, settings.status(), settings.raw());
    String marker = letters();
    String prompt = "!echo " + marker + " mail jane.doe@example.com, again jane.doe@example.com";

    HttpResponse<String> answer = chatAs(memberKey, chat("gpt-4o", prompt));
    assertEquals(200, answer.statusCode(), answer.body());
    FakeProviders.Seen seen = upstream.lastRequestContaining(marker);
    String sent = seen.body().at("/messages/0/content").asText();
    assertFalse(sent.contains("jane.doe@example.com"), sent);
    assertEquals("!echo " + marker + " mail [EMAIL_1], again [EMAIL_1]", sent);
    assertEquals(prompt, json(answer).at("/choices/0/message/content").asText());

    String streamMarker = letters();
    String streamPrompt = "!echo " + streamMarker + " card 4111 1111 1111 1111 to jane@example.org";
    HttpResponse<String> stream = chatAs(memberKey, streamed("gpt-4o", streamPrompt));
    assertEquals(200, stream.statusCode(), stream.body());
    String streamSent =
        upstream.lastRequestContaining(streamMarker).body().at("/messages/0/content").asText();
    assertFalse(streamSent.contains("4111"), streamSent);
    assertFalse(streamSent.contains("jane@example.org"), streamSent);
    assertEquals(streamPrompt, assistantText(stream.body()), "restored across split deltas");

    String requestId = answer.headers().firstValue("x-hyperion-request-id").orElseThrow();
    JsonNode record =
        record(requestLog(data -> record(data, requestId) != null && data.size() >= 2), requestId);
    String stored = record.path("prompt").toString() + record.path("completion").toString();
    assertTrue(stored.contains(marker), record.toString());
    assertFalse(stored.contains("jane.doe@example.com"), "stored bodies are redacted: " + stored);
  }

  @Test
  void blockModeRefusesWithA400NamingTheDetector() throws Exception {
    Answer settings =
        client.patch(base() + "/compliance-settings", adminKey, obj("piiMode", "BLOCK"));
    assertEquals(200, settings.status(), settings.raw());
    String marker = letters();
    HttpResponse<String> refused =
        chatAs(memberKey, chat("gpt-4o", marker + " ssn 078-05-1120 mail a.b@example.com"));
    assertEquals(400, refused.statusCode(), refused.body());
    JsonNode error = json(refused).path("error");
    assertEquals("pii_detected", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("email"), error.toString());
    assertFalse(refused.body().contains("a.b@example.com"), "the error never repeats the data");
    assertTrue(
        upstream.pathsContaining(marker).isEmpty(), "a blocked prompt never reaches the upstream");
    HttpResponse<String> clean = chatAs(memberKey, chat("gpt-4o", marker + " nothing here"));
    assertEquals(200, clean.statusCode(), clean.body());
  }

  @Test
  void metricsAreValidPrometheusTextWithStageUpstreamAndCacheSeries() throws Exception {
    assertEquals(
        200, chatAs(memberKey, chat("gpt-4o", "metrics " + UUID.randomUUID())).statusCode());
    HttpResponse<String> scraped =
        HTTP.send(
            HttpRequest.newBuilder(uri("/metrics"))
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, scraped.statusCode());
    Map<String, Double> samples = PrometheusText.parse(scraped.body());
    assertTrue(
        PrometheusText.sum(samples, "hyperion_stage_duration_seconds_count", "stage=\"upstream\"")
            >= 1,
        "stage timer");
    assertTrue(
        PrometheusText.sum(samples, "hyperion_stage_duration_seconds_bucket", "stage=\"total\"")
            >= 1,
        "stage histogram buckets");
    assertTrue(
        samples.keySet().stream()
            .noneMatch(s -> s.startsWith("hyperion_stage_duration") && s.contains("quantile=")),
        "no client-side percentiles: they cannot be summed across instances, the buckets can");
    assertTrue(
        PrometheusText.sum(
                samples, "hyperion_upstream_duration_seconds_count", "provider=\"openai\"")
            >= 1);
    assertTrue(
        PrometheusText.sum(
                samples,
                "hyperion_upstream_responses_total",
                "provider=\"openai\"",
                "status=\"200\"")
            >= 1);
    assertTrue(
        PrometheusText.sum(samples, "hyperion_cache_lookups_total", "outcome=\"bypass\"") >= 1);
    assertTrue(PrometheusText.has(samples, "hyperion_breaker_state"), "breaker gauges");
    assertTrue(PrometheusText.sum(samples, "hyperion_cost_microusd_total", "model=\"gpt-4o\"") > 0);
    for (String name : samples.keySet()) {
      assertFalse(name.contains("req_"), "no request ids in labels: " + name);
      assertFalse(name.contains("hk-"), "no keys in labels: " + name);
    }
  }

  @Test
  void aSpendSpikeAndAnErrorBurstEachAlertOnceThenStayQuiet() throws Exception {
    List<Map<String, String>> hooks = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            hooks.add(
                Map.of(
                    "body", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "signature", exchange.getRequestHeaders().getFirst("X-Hyperion-Signature"),
                    "timestamp", exchange.getRequestHeaders().getFirst("X-Hyperion-Timestamp")));
            exchange.sendResponseHeaders(204, -1);
          }
        });
    receiver.start();
    GreenMail mail =
        new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", "smtp"));
    mail.start();
    try {
      String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      rule("spend", "SPEND_SPIKE", hook, "multiplier", 3, "amountUsd", 0.001);
      rule("errors", "ERROR_RATE", hook, "errorRate", 0.5, "minRequests", 2);

      assertEquals(
          200, chatAs(memberKey, chat("gpt-4o", "spend " + UUID.randomUUID())).statusCode());
      for (int i = 0; i < 3; i++) {
        chatAs(memberKey, chat("gpt-4o-mini", "!500 burst " + UUID.randomUUID()));
      }
      assertTrue(mail.waitForIncomingEmail(PATIENCE.toMillis(), 2), "two alert e-mails");
      awaitSize(hooks, 2);

      // More spend and errors inside the cooldown: the evaluator (every second here) stays quiet.
      assertEquals(
          200, chatAs(memberKey, chat("gpt-4o", "more " + UUID.randomUUID())).statusCode());
      chatAs(memberKey, chat("gpt-4o-mini", "!500 more " + UUID.randomUUID()));
      requestLog(data -> data.size() >= 6);
      Thread.sleep(5_000);

      assertEquals(2, mail.getReceivedMessages().length, "one e-mail per incident");
      assertEquals(2, hooks.size(), "one webhook call per incident");
      List<String> subjects = new ArrayList<>();
      for (var message : mail.getReceivedMessages()) {
        subjects.add(message.getSubject());
        assertEquals("ops@it.test", message.getAllRecipients()[0].toString());
      }
      assertTrue(
          subjects.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("spend")),
          subjects.toString());
      for (Map<String, String> call : hooks) {
        assertEquals(
            sign(call.get("timestamp") + "." + call.get("body")),
            call.get("signature"),
            "signed with the rule's secret");
        assertEquals(org, JSON.readTree(call.get("body")).path("orgId").asText());
      }
      Answer alerts = client.get(base() + "/alerts", adminKey);
      assertEquals(2, alerts.path("/total").asInt(), alerts.raw());
    } finally {
      mail.stop();
      receiver.stop(0);
    }
  }

  private void rule(String name, String kind, String hook, Object... settings) throws Exception {
    List<Object> fields =
        new ArrayList<>(
            List.of(
                "name",
                name,
                "kind",
                kind,
                "windowMinutes",
                60,
                "baselineHours",
                24,
                "cooldownMinutes",
                60,
                "emails",
                List.of("ops@it.test"),
                "webhookUrl",
                hook,
                "webhookSecret",
                WEBHOOK_SECRET));
    fields.addAll(List.of(settings));
    created(client.post(base() + "/alert-rules", adminKey, obj(fields.toArray())));
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(size, list.size());
  }

  private static String sign(String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  /** A strict reader of the Prometheus text format: every sample line must parse. */
  static final class PrometheusText {

    private static final Pattern SAMPLE =
        Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?"
                + ")*\\})?)"
                + " ([-+]?(?:[0-9.eE+-]+|NaN|Inf))(?: -?[0-9]+)?");

    static Map<String, Double> parse(String text) {
      Map<String, Double> samples = new LinkedHashMap<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        var matcher = SAMPLE.matcher(line.strip());
        assertTrue(matcher.matches(), "not Prometheus text: " + line);
        samples.put(
            matcher.group(1), Double.parseDouble(matcher.group(2).replace("Inf", "Infinity")));
      }
      return samples;
    }

    static boolean has(Map<String, Double> samples, String name) {
      return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
    }

    static double sum(Map<String, Double> samples, String name, String... labels) {
      double total = 0;
      for (Map.Entry<String, Double> sample : samples.entrySet()) {
        String key = sample.getKey();
        if (!(key.equals(name) || key.startsWith(name + "{"))) {
          continue;
        }
        boolean all = true;
        for (String label : labels) {
          all &= key.contains(label);
        }
        if (all) {
          total += sample.getValue();
        }
      }
      return total;
    }
  }
}
