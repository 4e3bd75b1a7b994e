package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limits and budgets on the real request path, through real HTTP: RPM, TPM and concurrency 429s
 * with {@code Retry-After} and the {@code x-ratelimit-*} headers, a budget's hard cutoff, a
 * budget-aware fallback, and the usage ledger (equal rows for the same answer streamed or not, a
 * row with the upstream's tokens after a client disconnect, a row per attempt of a fallback). Each
 * test works in an org of its own.
 */
class PolicyIT extends GatewayIT {

  private final AdminClient admin = new AdminClient(baseUrl());
  private String org;
  private String userId;

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(admin.post("/admin/api/orgs", KEY, obj("name", "limits-" + suffix))).text("/id");
    userId =
        created(
                admin.post(
                    orgPath("/users"),
                    KEY,
                    obj("email", "dev-" + suffix + "@it.test", "role", "MEMBER")))
            .text("/id");
  }

  private String orgPath(String rest) {
    return "/admin/api/orgs/" + org + rest;
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private record Key(String id, String secret) {}

  private Key key(Map<String, Object> limits) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("name", "policy")
            .put("userId", userId)
            .set("limits", JSON.valueToTree(limits))
            .toString();
    Answer key = created(admin.post(orgPath("/keys"), KEY, body));
    return new Key(key.text("/details/id"), key.text("/key"));
  }

  private void budget(Key key, double usd) throws Exception {
    created(
        admin.post(
            orgPath("/budgets"),
            KEY,
            obj(
                "name",
                "key cap",
                "amountUsd",
                usd,
                "period",
                "total",
                "subjectLevel",
                "key",
                "subjectId",
                key.id())));
  }

  private static HttpResponse<String> call(Key key, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri("/v1/chat/completions"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + key.secret())
            .header("x-hyperion-debug", "1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String chatBody(String model, String text, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"messages\":[{\"role\":\"user\",\"content\":"
        + JSON.valueToTree(text)
        + "}]"
        + extra
        + "}";
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static JsonNode error(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("error");
  }

  @Test
  void requestsPerMinuteRefuseWith429RetryAfterAndTheTightestHeaders() throws Exception {
    Key key = key(Map.of("requestsPerMinute", 2));
    HttpResponse<String> refused = null;
    // A minute boundary may reset the window once; within six calls a third in one minute comes.
    for (int i = 0; i < 6 && refused == null; i++) {
      HttpResponse<String> response = call(key, chat("gpt-4o-mini", "hello " + i));
      if (response.statusCode() == 429) {
        refused = response;
        break;
      }
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("2", header(response, "x-ratelimit-limit-requests"));
      int remaining = Integer.parseInt(header(response, "x-ratelimit-remaining-requests"));
      assertTrue(remaining >= 0 && remaining <= 1, "remaining " + remaining);
      assertNotNull(header(response, "x-ratelimit-reset-requests"));
      assertTrue(header(response, "Server-Timing").contains("policy;dur="));
    }
    assertNotNull(refused, "two requests a minute were never refused");
    JsonNode error = error(refused);
    assertEquals("rate_limit_exceeded", error.path("code").asText());
    String message = error.path("message").asText();
    assertTrue(message.contains("requests per minute"), message);
    assertTrue(message.contains("key") && message.contains(key.id()), message);
    assertTrue(message.contains("limit 2"), message);
    int retryAfter = Integer.parseInt(header(refused, "Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals("2", header(refused, "x-ratelimit-limit-requests"));
    assertEquals("0", header(refused, "x-ratelimit-remaining-requests"));
    assertNotNull(header(refused, "x-hyperion-request-id"));
  }

  @Test
  void tokensPerMinuteCountTheEstimateThenTheUsageTheProviderReported() throws Exception {
    Key key = key(Map.of("tokensPerMinute", 200));
    HttpResponse<String> tooBig = call(key, chatBody("gpt-4o-mini", "hi", ",\"max_tokens\":500"));
    assertEquals(429, tooBig.statusCode(), tooBig.body());
    assertEquals("rate_limit_exceeded", error(tooBig).path("code").asText());
    assertTrue(error(tooBig).path("message").asText().contains("tokens per minute"));
    assertEquals("200", header(tooBig, "x-ratelimit-limit-tokens"));
    assertNotNull(header(tooBig, "Retry-After"));

    // The answer reports 379 tokens: settled, they use up the minute's 200.
    HttpResponse<String> refused = null;
    for (int i = 0; i < 6 && refused == null; i++) {
      HttpResponse<String> response = call(key, chatBody("gpt-4o-mini", "hi", ""));
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("200", header(response, "x-ratelimit-limit-tokens"));
        assertNotNull(header(response, "x-ratelimit-remaining-tokens"));
        Thread.sleep(200); // settlement is asynchronous
      }
    }
    assertNotNull(refused, "the reported usage was never counted");
    assertEquals("0", header(refused, "x-ratelimit-remaining-tokens"));
  }

  @Test
  void concurrencyRefusesWhileAStreamIsInFlightAndFreesTheSlotWhenItEnds() throws Exception {
    Key key = key(Map.of("maxConcurrentRequests", 1));
    String gate = "policy-cc-" + UUID.randomUUID();
    HttpResponse<InputStream> streaming =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key.secret())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        chatBody("gpt-4o", "!gate:" + gate, ",\"stream\":true")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, streaming.statusCode());
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(streaming.body(), StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      while (first != null && !first.startsWith("data: ")) {
        first = reader.readLine();
      }
      assertNotNull(first, "the stream never started");
      HttpResponse<String> second = call(key, chat("gpt-4o-mini", "meanwhile"));
      assertEquals(429, second.statusCode(), second.body());
      assertEquals("rate_limit_exceeded", error(second).path("code").asText());
      assertTrue(error(second).path("message").asText().contains("concurrent"));
      assertEquals("1", header(second, "Retry-After"));
      upstream.open(gate);
      StringBuilder rest = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        rest.append(line).append('\n');
      }
      assertTrue(rest.toString().contains("[DONE]"));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpResponse<String> after = call(key, chat("gpt-4o-mini", "after"));
      if (after.statusCode() == 200) {
        break;
      }
      assertEquals(429, after.statusCode(), after.body());
      if (System.nanoTime() > deadline) {
        fail("the in-flight slot was never freed: " + after.body());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aBudgetsHardCutoffRefusesBeforeTheUpstreamOnceItsWorstCaseNoLongerFits() throws Exception {
    Key key = key(Map.of());
    // gpt-4o at $2.50/$10 per million; each answer reports 16 + 363 tokens = $0.00367, and with
    // max_tokens 500 a call may cost up to ~$0.00505: the budget holds two, never four.
    budget(key, 0.012);
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> refused = null;
    for (int i = 0; i < 5 && refused == null; i++) {
      HttpResponse<String> response =
          call(key, chatBody("gpt-4o", "spend " + i, ",\"max_tokens\":500"));
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertEquals(200, response.statusCode(), response.body());
      }
    }
    assertNotNull(refused, "the budget never cut off: " + statuses);
    assertEquals(200, statuses.get(0));
    assertTrue(statuses.size() <= 4, statuses.toString());
    JsonNode error = error(refused);
    assertEquals("budget_exceeded", error.path("code").asText());
    assertTrue(error.path("message").asText().contains("key cap"), error.toString());
    assertNotNull(header(refused, "Retry-After"));
    Answer spend = awaitSpend(key, statuses.size() - 1);
    BigDecimal spent = spend.path("/0/spentUsd").decimalValue();
    assertTrue(spent.compareTo(new BigDecimal("0.012")) <= 0, "spent " + spent);
  }

  private Answer awaitSpend(Key key, int answers) throws Exception {
    BigDecimal expected = new BigDecimal("0.00367").multiply(BigDecimal.valueOf(answers));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Answer spend = admin.get(orgPath("/spend?level=key&id=" + key.id()), KEY);
      assertEquals(200, spend.status(), spend.raw());
      if (spend.path("/0/spentUsd").decimalValue().compareTo(expected) == 0) {
        return spend;
      }
      if (System.nanoTime() > deadline) {
        fail("spend never reached " + expected + ": " + spend.raw());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void aBudgetThatCannotAffordTheModelAskedForTakesTheFirstFallbackThatFits() throws Exception {
    Key key = key(Map.of());
    budget(key, 0.004);
    HttpResponse<String> response =
        call(
            key,
            chatBody(
                "gpt-4o",
                "cheaper please",
                ",\"max_tokens\":500,\"hyperion\":{\"fallbacks\":[\"gpt-4o-mini\"]}"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("fallback", header(response, "x-hyperion-route-mode"));
    assertEquals("gpt-4o-mini", header(response, "x-hyperion-model"));
    String policy = header(response, "x-hyperion-policy");
    assertNotNull(policy);
    assertTrue(policy.startsWith("reason=budget"), policy);
    assertTrue(policy.contains("requested=gpt-4o;") && policy.contains("served=gpt-4o-mini"));
    assertFalse(
        upstream.pathsContaining("cheaper please").isEmpty(), "the fallback was not called");
  }

  @Test
  void theSameAnswerStreamedOrNotMakesEqualLedgerRows() throws Exception {
    Key plain = key(Map.of("requestsPerMinute", 1000));
    Key streamed = key(Map.of("requestsPerMinute", 1000));
    assertEquals(200, call(plain, chat("gpt-4o", "!same-usage")).statusCode());
    HttpResponse<String> stream =
        call(
            streamed,
            chatBody(
                "gpt-4o",
                "!same-usage",
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
    assertEquals(200, stream.statusCode());
    assertTrue(stream.body().contains("[DONE]"));
    assertEquals("1000", header(stream, "x-ratelimit-limit-requests"));
    assertEquals("999", header(stream, "x-ratelimit-remaining-requests"));
    JsonNode a = awaitRow(plain, "gpt-4o", 1);
    JsonNode b = awaitRow(streamed, "gpt-4o", 1);
    assertEquals(149, a.path("promptTokens").asLong(), a.toString());
    assertEquals(60, a.path("completionTokens").asLong(), a.toString());
    for (String field : new String[] {"requests", "promptTokens", "completionTokens"}) {
      assertEquals(a.path(field).asLong(), b.path(field).asLong(), field);
    }
    assertEquals(0, a.path("costUsd").decimalValue().compareTo(b.path("costUsd").decimalValue()));
    // 149 x $2.50 + 60 x $10 per million.
    assertEquals(0, new BigDecimal("0.0009725").compareTo(a.path("costUsd").decimalValue()));
  }

  @Test
  void aClientThatDisconnectsMidStreamIsStillChargedForWhatTheUpstreamSent() throws Exception {
    Key key = key(Map.of());
    String gate = "policy-dc-" + UUID.randomUUID();
    HttpResponse<InputStream> streaming =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key.secret())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        chatBody("gpt-4o", "!gate:" + gate, ",\"stream\":true")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, streaming.statusCode());
    InputStream body = streaming.body();
    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    String first = reader.readLine();
    while (first != null && !first.startsWith("data: ")) {
      first = reader.readLine();
    }
    assertNotNull(first);
    body.close(); // the client goes away after the first chunk
    upstream.open(gate);
    JsonNode row = awaitRow(key, "gpt-4o", 1);
    // The upstream's whole answer (chat-stream-usage.sse): 14 prompt + 30 completion tokens.
    assertEquals(14, row.path("promptTokens").asLong(), row.toString());
    assertEquals(30, row.path("completionTokens").asLong(), row.toString());
    assertEquals(0, new BigDecimal("0.000335").compareTo(row.path("costUsd").decimalValue()));
  }

  @Test
  void aFallbackAfterAFailureWritesARowPerAttemptAndChargesTheOneThatServed() throws Exception {
    Key key = key(Map.of());
    HttpResponse<String> response =
        call(key, chatBody("gpt-4o", "!500", ",\"hyperion\":{\"fallbacks\":[\"backup-mini\"]}"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("backup-mini", header(response, "x-hyperion-model"));
    JsonNode served = awaitRow(key, "backup-mini", 1);
    JsonNode failed = awaitRow(key, "gpt-4o", 1);
    assertEquals(
        0, failed.path("promptTokens").asLong() + failed.path("completionTokens").asLong());
    assertEquals(0, failed.path("costUsd").decimalValue().signum());
    // backup-mini has no price: the operator's default ($1 / $2 per million) for 16 + 363 tokens.
    assertEquals(16, served.path("promptTokens").asLong());
    assertEquals(0, new BigDecimal("0.000742").compareTo(served.path("costUsd").decimalValue()));
  }

  /** Waits for the ledger's row group of one key and served model to count {@code requests}. */
  private JsonNode awaitRow(Key key, String model, int requests) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Answer report =
          admin.get(
              orgPath("/usage?groupBy=key,model&bucket=none&keyId=" + key.id() + "&model=" + model),
              KEY);
      assertEquals(200, report.status(), report.raw());
      for (JsonNode row : report.path("/rows")) {
        if (row.path("requests").asInt() >= requests) {
          assertEquals(requests, row.path("requests").asInt(), row.toString());
          return row;
        }
      }
      if (System.nanoTime() > deadline) {
        fail("no ledger row for " + key.id() + " / " + model + ": " + report.raw());
      }
      Thread.sleep(150);
    }
  }
}
