package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import ai.hyperion.it.RequestPathComplianceIT.PrometheusText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache on the real request path: headers, no upstream request on a hit (counted at
 * the fake upstream by a marker unique to each test), tenant isolation in both tiers, TTL, the
 * {@code bypass}/{@code refresh} modes and {@code Cache-Control}, a hit replayed as a stream to the
 * OpenAI SDK and in the Anthropic dialect, and what is never cached (cut streams, errors, tool
 * calls unless the organisation allows them). The IT server starts organisations with the exact
 * tier off ({@code hyperion.cache.default.exact-enabled=false}), so each test turns it on for the
 * organisations it creates.
 */
class CacheIT extends GatewayIT {

  private final AdminClient admin = new AdminClient(baseUrl());
  private String marker;

  /** An organisation with one member's API key. */
  private record Org(String id, String key) {}

  @BeforeEach
  void uniqueMarker() {
    marker = "cache-it-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private Org org(String settings) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String id = created(admin.post("/admin/api/orgs", KEY, obj("name", "c-" + suffix))).text("/id");
    String user =
        created(
                admin.post(
                    "/admin/api/orgs/" + id + "/users",
                    KEY,
                    obj("email", "c-" + suffix + "@it.test", "role", "MEMBER")))
            .text("/id");
    String key =
        created(
                admin.post(
                    "/admin/api/orgs/" + id + "/keys", KEY, obj("name", "main", "userId", user)))
            .text("/key");
    Answer changed = admin.patch("/admin/api/orgs/" + id + "/cache/settings", KEY, settings);
    assertEquals(200, changed.status(), changed.raw());
    return new Org(id, key);
  }

  private Org exactOrg() throws Exception {
    return org("{\"exactEnabled\": true}");
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private static HttpRequest.Builder call(String path, String key, String body) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static HttpResponse<String> chat(Org org, String body) throws Exception {
    return send(call("/v1/chat/completions", org.key(), body));
  }

  /** A chat body asking {@code text}, with {@code hyperion.cache} options when not null. */
  private static String body(String text, String cacheOptions) {
    ObjectNode body = (ObjectNode) readTree(chat("gpt-4o", text));
    if (cacheOptions != null) {
      body.putObject("hyperion").set("cache", readTree(cacheOptions));
    }
    return body.toString();
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static String cacheHeader(HttpResponse<?> response) {
    return response.headers().firstValue("x-hyperion-cache").orElse("absent");
  }

  private static String detail(HttpResponse<?> response) {
    return response.headers().firstValue("x-hyperion-cache-detail").orElse("");
  }

  /** Requests the fake upstream received for this test's marker. */
  private int upstreamRequests() {
    return upstream.pathsContaining(marker).size();
  }

  /** Repeats {@code request} until {@code done} holds (writes are asynchronous), for 30 s. */
  private static HttpResponse<String> until(
      Predicate<HttpResponse<String>> done, HttpRequest.Builder request) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> last = send(request);
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(200);
      last = send(request);
    }
    return last;
  }

  /** Waits until the write-back of the last answer is visible (the exact entry exists). */
  private void awaitEntries(Org org, String tier, int entries) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int seen = -1;
    while (System.nanoTime() < deadline) {
      Answer stats = admin.get("/admin/api/orgs/" + org.id() + "/cache/stats", KEY);
      assertEquals(200, stats.status(), stats.raw());
      seen = stats.path("/" + tier + "/entries").asInt();
      if (seen >= entries) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(tier + " entries of " + org.id() + ": " + seen + " < " + entries);
  }

  @Test
  void aRepeatedRequestIsAnsweredFromTheExactTierWithoutTheUpstream() throws Exception {
    Org org = exactOrg();
    HttpResponse<String> first = chat(org, body(marker, null));
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("miss", cacheHeader(first));
    assertEquals("openai", first.headers().firstValue("x-hyperion-provider").orElseThrow());
    awaitEntries(org, "l1", 1);

    HttpResponse<String> second = chat(org, body(marker, null));
    assertEquals(200, second.statusCode(), second.body());
    assertEquals("hit", cacheHeader(second));
    assertTrue(detail(second).startsWith("tier=l1; ttl="), detail(second));
    assertTrue(detail(second).contains("; age="), detail(second));
    assertEquals("cache", second.headers().firstValue("x-hyperion-route-mode").orElseThrow());
    assertEquals("gpt-4o", second.headers().firstValue("x-hyperion-model").orElseThrow());
    assertEquals(1, upstreamRequests(), "a hit opens no upstream request");
    double cost = orgCounter(org, "hyperion_cost_microusd_total");
    assertTrue(cost > 0, "the miss was metered at gpt-4o's price");
    assertEquals(
        cost,
        orgCounter(org, "hyperion_cache_saved_microusd_total"),
        1.0,
        "the hit cost nothing upstream and saved what the miss cost");

    JsonNode fresh = json(first);
    JsonNode cached = json(second);
    assertEquals(
        fresh.at("/choices/0/message/content").asText(),
        cached.at("/choices/0/message/content").asText());
    assertEquals("gpt-4o", cached.path("model").asText());
    assertNotEquals(fresh.path("id").asText(), cached.path("id").asText(), "a hit has its own id");
    assertEquals(fresh.at("/usage/total_tokens"), cached.at("/usage/total_tokens"));

    HttpResponse<String> alias =
        chat(org, body(marker, null).replace("\"gpt-4o\"", "\"gpt-4o-latest\""));
    assertEquals("hit", cacheHeader(alias), "an alias resolves to the same catalog model");
    HttpResponse<String> otherModel =
        chat(org, body(marker, null).replace("\"gpt-4o\"", "\"gpt-4o-mini\""));
    assertEquals("miss", cacheHeader(otherModel));
    assertEquals(2, upstreamRequests());
  }

  /**
   * An organisation's total of a counter on {@code /metrics}, once above zero (requests are metered
   * when they complete, which may be just after the client read the answer), for 10 s.
   */
  private static double orgCounter(Org org, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    double total;
    do {
      HttpResponse<String> scraped =
          HTTP.send(
              HttpRequest.newBuilder(uri("/metrics?scope=application"))
                  .header("Accept", "text/plain")
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, scraped.statusCode());
      total =
          PrometheusText.sum(
              PrometheusText.parse(scraped.body()), name, "org=\"" + org.id() + "\"");
      if (total > 0) {
        return total;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    return total;
  }

  @Test
  void anOrganisationNeverReceivesAnotherOrganisationsExactEntry() throws Exception {
    Org a = exactOrg();
    Org b = exactOrg();
    assertEquals("miss", cacheHeader(chat(a, body(marker, null))));
    awaitEntries(a, "l1", 1);

    assertEquals("miss", cacheHeader(chat(b, body(marker, null))));
    assertEquals(2, upstreamRequests());
    assertEquals("hit", cacheHeader(chat(a, body(marker, null))));
  }

  @Test
  void theSemanticTierAnswersAParaphraseOnlyInsideItsOrganisation() throws Exception {
    String settings = "{\"exactEnabled\": true, \"semanticEnabled\": true}";
    Org a = org(settings);
    Org b = org(settings);
    String system = "You are the " + marker + " helpdesk.";
    String asked = withSystem(system, "How do I reset my password?");
    String paraphrase = withSystem(system, "How can I reset my password?");

    assertEquals("miss", cacheHeader(chat(a, asked)));
    awaitEntries(a, "l2", 1);

    HttpResponse<String> otherOrg = chat(b, paraphrase);
    assertEquals("miss", cacheHeader(otherOrg), "org B must not see org A's semantic entry");
    HttpResponse<String> sameOrg = chat(a, paraphrase);
    if (!"hit".equals(cacheHeader(sameOrg))) {
      Thread.sleep(6000); // statistics reach the cluster totals every 5 s
      Answer stats = admin.get("/admin/api/orgs/" + a.id() + "/cache/stats", KEY);
      throw new AssertionError("no semantic hit: " + detail(sameOrg) + " stats " + stats.raw());
    }
    assertTrue(detail(sameOrg).startsWith("tier=l2; similarity=0."), detail(sameOrg));
    assertEquals(2, upstreamRequests(), "org A's paraphrase was answered from the cache");

    HttpResponse<String> differentTopic = chat(a, withSystem(system, "How do I reset my router?"));
    assertEquals("miss", cacheHeader(differentTopic), detail(differentTopic));
    HttpResponse<String> offForRequest =
        chat(
            a,
            withSystem(system, "How could I reset my password?")
                .replace("{\"model\"", "{\"hyperion\":{\"cache\":{\"semantic\":false}},\"model\""));
    assertEquals("miss", cacheHeader(offForRequest), "hyperion.cache.semantic=false");
  }

  private static String withSystem(String system, String user) {
    ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o");
    body.putArray("messages")
        .add(JSON.createObjectNode().put("role", "system").put("content", system))
        .add(JSON.createObjectNode().put("role", "user").put("content", user));
    return body.toString();
  }

  @Test
  void anEntryExpiresAfterItsTtl() throws Exception {
    Org org = exactOrg();
    HttpResponse<String> stored = chat(org, body(marker, "{\"ttl_seconds\": 1}"));
    assertEquals("miss", cacheHeader(stored));

    HttpResponse<String> expired =
        until(response -> "miss".equals(cacheHeader(response)), call(org, body(marker, null)));
    assertEquals("miss", cacheHeader(expired), "the entry outlived its 1 s TTL");
    assertTrue(upstreamRequests() >= 2);

    awaitEntries(org, "l1", 1);
    HttpResponse<String> hit = chat(org, body(marker, null));
    assertEquals("hit", cacheHeader(hit), "the default TTL keeps it");
    int ttlLeft = Integer.parseInt(detail(hit).replaceAll(".*ttl=(\\d+).*", "$1"));
    assertTrue(ttlLeft > 60 && ttlLeft <= 3600, detail(hit));
  }

  private static HttpRequest.Builder call(Org org, String body) {
    return call("/v1/chat/completions", org.key(), body);
  }

  @Test
  void bypassNeitherReadsNorWritesAndRefreshWritesWithoutReading() throws Exception {
    Org org = exactOrg();
    HttpResponse<String> bypass = chat(org, body(marker, "{\"mode\": \"bypass\"}"));
    assertEquals(200, bypass.statusCode(), bypass.body());
    assertEquals("bypass", cacheHeader(bypass));
    assertEquals("reason=bypass", detail(bypass));

    HttpResponse<String> refresh = chat(org, body(marker, "{\"mode\": \"refresh\"}"));
    assertEquals("bypass", cacheHeader(refresh));
    assertEquals("reason=refresh", detail(refresh));
    awaitEntries(org, "l1", 1);
    assertEquals(2, upstreamRequests());

    HttpResponse<String> refreshAgain = chat(org, body(marker, "{\"mode\": \"refresh\"}"));
    assertEquals("bypass", cacheHeader(refreshAgain), "refresh never reads");
    assertEquals(3, upstreamRequests());
    assertEquals("hit", cacheHeader(chat(org, body(marker, null))), "refresh wrote the entry");
    assertEquals(3, upstreamRequests());
  }

  @Test
  void bypassDoesNotWrite() throws Exception {
    Org org = exactOrg();
    chat(org, body(marker, "{\"mode\": \"bypass\"}"));
    chat(org, body(marker, "{\"mode\": \"bypass\"}"));
    assertEquals("miss", cacheHeader(chat(org, body(marker, null))), "bypass wrote nothing");
    assertEquals(3, upstreamRequests());
  }

  @Test
  void cacheControlNoStoreAndNoCache() throws Exception {
    Org org = exactOrg();
    HttpResponse<String> noStore =
        send(call(org, body(marker, null)).header("Cache-Control", "no-store"));
    assertEquals("bypass", cacheHeader(noStore));
    assertEquals("reason=no-store", detail(noStore));
    HttpResponse<String> afterNoStore = chat(org, body(marker, null));
    assertEquals("miss", cacheHeader(afterNoStore), "no-store wrote nothing");
    awaitEntries(org, "l1", 1);

    HttpResponse<String> noCache =
        send(call(org, body(marker, null)).header("Cache-Control", "no-cache"));
    assertEquals("bypass", cacheHeader(noCache), "no-cache does not read");
    assertEquals("reason=no-cache", detail(noCache));
    assertEquals(3, upstreamRequests());
    assertEquals("hit", cacheHeader(chat(org, body(marker, null))));
    assertEquals(3, upstreamRequests());
  }

  @Test
  void aHitIsReplayedAsAStreamTheOpenAiSdkReads() throws Exception {
    Org org = exactOrg();
    HttpResponse<String> stored = chat(org, body(marker, null));
    assertEquals("miss", cacheHeader(stored));
    String expected = json(stored).at("/choices/0/message/content").asText();
    awaitEntries(org, "l1", 1);

    OpenAIClient sdk =
        OpenAIOkHttpClient.builder()
            .apiKey(org.key())
            .baseUrl(baseUrl() + "/v1")
            .maxRetries(0)
            .build();
    StringBuilder text = new StringBuilder();
    List<String> finishes = new ArrayList<>();
    long[] completionTokens = {0};
    try (StreamResponse<ChatCompletionChunk> stream =
        sdk.chat()
            .completions()
            .createStreaming(
                ChatCompletionCreateParams.builder()
                    .model("gpt-4o")
                    .addUserMessage(marker)
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                    .build())) {
      stream.stream()
          .forEach(
              chunk -> {
                chunk
                    .choices()
                    .forEach(
                        choice -> {
                          choice.delta().content().ifPresent(text::append);
                          choice.finishReason().ifPresent(f -> finishes.add(f.asString()));
                        });
                chunk.usage().ifPresent(usage -> completionTokens[0] = usage.completionTokens());
              });
    }
    assertEquals(expected, text.toString());
    assertEquals(List.of("stop"), finishes);
    assertEquals(json(stored).at("/usage/completion_tokens").asLong(), completionTokens[0]);
    assertEquals(1, upstreamRequests(), "the stream was replayed from the cache");

    HttpResponse<InputStream> raw =
        HTTP.send(
            call(org, body(marker, null).replace("{\"model\"", "{\"stream\":true,\"model\""))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("hit", cacheHeader(raw));
    List<String> data = dataLines(raw);
    assertEquals("[DONE]", data.get(data.size() - 1));
    for (String line : data.subList(0, data.size() - 1)) {
      assertFalse(JSON.readTree(line).has("usage"), "no usage chunk unless asked: " + line);
    }
  }

  @Test
  void aStreamedAnswerIsCachedOnceItEndedNormally() throws Exception {
    Org org = exactOrg();
    String streamed = body(marker, null).replace("{\"model\"", "{\"stream\":true,\"model\"");
    HttpResponse<InputStream> first =
        HTTP.send(call(org, streamed).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals("miss", cacheHeader(first));
    List<String> data = dataLines(first);
    assertEquals("[DONE]", data.get(data.size() - 1));
    awaitEntries(org, "l1", 1);

    HttpResponse<String> complete = chat(org, body(marker, null));
    assertEquals("hit", cacheHeader(complete), "stream: true does not split the key");
    assertTrue(
        json(complete).at("/choices/0/message/content").asText().startsWith("I'm unable to"),
        complete.body());
    assertEquals(1, upstreamRequests());
  }

  @Test
  void aCutStreamIsNotCached() throws Exception {
    Org org = exactOrg();
    String cut =
        body("!truncate " + marker, null).replace("{\"model\"", "{\"stream\":true,\"model\"");
    for (int i = 0; i < 2; i++) {
      HttpResponse<InputStream> response =
          HTTP.send(call(org, cut).build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals("miss", cacheHeader(response), "attempt " + i);
      List<String> data = dataLines(response);
      assertFalse(data.contains("[DONE]"), "the client sees the stream fail: " + data);
    }
    String failed = body("!500 " + marker, null);
    assertEquals(502, chat(org, failed).statusCode());
    HttpResponse<String> again = chat(org, failed);
    assertEquals(502, again.statusCode());
    assertEquals("miss", cacheHeader(again), "an error is never cached");

    // A complete answer after them is written; it is then the organisation's only entry.
    assertEquals("miss", cacheHeader(chat(org, body("control " + marker, null))));
    awaitEntries(org, "l1", 1);
    Answer stats = admin.get("/admin/api/orgs/" + org.id() + "/cache/stats", KEY);
    assertEquals(1, stats.path("/l1/entries").asInt(), stats.raw());
  }

  @Test
  void toolCallAnswersAreCachedOnlyWhenTheOrganisationAllowsIt() throws Exception {
    String tools = withTools(marker);
    Org plain = exactOrg();
    assertEquals("miss", cacheHeader(chat(plain, tools)));
    HttpResponse<String> again = chat(plain, tools);
    assertEquals("miss", cacheHeader(again));
    assertEquals("tool_calls", json(again).at("/choices/0/finish_reason").asText());

    Org allowing = org("{\"exactEnabled\": true, \"cacheToolCalls\": true}");
    assertEquals("miss", cacheHeader(chat(allowing, tools)));
    awaitEntries(allowing, "l1", 1);
    HttpResponse<String> hit = chat(allowing, tools);
    assertEquals("hit", cacheHeader(hit));
    assertEquals(
        "tool_calls", json(hit).at("/choices/0/finish_reason").asText(), "a tool call replayed");
    assertEquals(3, upstreamRequests());
  }

  private static String withTools(String text) {
    ObjectNode body = (ObjectNode) readTree(chat("gpt-4o", text));
    ObjectNode function =
        body.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "get_weather").putObject("parameters").put("type", "object");
    return body.toString();
  }

  @Test
  void aHitIsReplayedInTheAnthropicDialect() throws Exception {
    Org org = exactOrg();
    String message =
        "{\"model\":\"gpt-4o\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\""
            + marker
            + "\"}]}";
    HttpResponse<String> first = send(call("/v1/messages", org.key(), message));
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("miss", cacheHeader(first));
    awaitEntries(org, "l1", 1);

    HttpResponse<InputStream> replay =
        HTTP.send(
            call(
                    "/v1/messages",
                    org.key(),
                    message.replace("{\"model\"", "{\"stream\":true,\"model\""))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, replay.statusCode());
    assertEquals("hit", cacheHeader(replay));
    List<String> events = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (String line : dataLines(replay)) {
      JsonNode event = JSON.readTree(line);
      events.add(event.path("type").asText());
      if (event.at("/delta/type").asText().equals("text_delta")) {
        text.append(event.at("/delta/text").asText());
      }
    }
    assertEquals("message_start", events.get(0), events.toString());
    assertEquals("message_stop", events.get(events.size() - 1), events.toString());
    assertTrue(events.contains("message_delta"), events.toString());
    assertEquals(json(first).at("/content/0/text").asText(), text.toString());
    assertEquals(1, upstreamRequests());
  }

  /** The {@code data:} payloads of an SSE answer, in order. */
  private static List<String> dataLines(HttpResponse<InputStream> response) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data:")) {
          lines.add(line.substring(5).strip());
        }
      }
    } catch (IOException cut) {
      lines.add("<cut: " + cut.getMessage() + ">");
    }
    return lines;
  }
}
