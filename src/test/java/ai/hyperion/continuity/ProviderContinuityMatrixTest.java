package ai.hyperion.continuity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.api.openai.OpenAiRequestReader;
import ai.hyperion.api.openai.OpenAiResponseWriter;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ParameterPolicy;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ResumeStates;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.anthropic.AnthropicProvider;
import ai.hyperion.provider.bedrock.BedrockProvider;
import ai.hyperion.provider.gcp.FakeTokenEndpoint;
import ai.hyperion.provider.gcp.TestServiceAccount;
import ai.hyperion.provider.gemini.GeminiProvider;
import ai.hyperion.provider.openai.OpenAiProvider;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A conversation whose first turn (system prompt, a user text with an image, a tool call with the
 * provider's reasoning state, the tool's result) is served by one provider family and whose next
 * turn goes to another, for every ordered pair of the five families. Each upstream is a real HTTP
 * fake that enforces its provider's documented request rules ({@link ContinuityUpstreams}); the
 * client speaks OpenAI Chat Completions through the gateway's own reader and writer and echoes the
 * assistant message back as it received it, as LiteLLM-style clients do. The next turn carries
 * {@code temperature: 1.5}, valid for OpenAI and out of range for Anthropic and Bedrock.
 */
class ProviderContinuityMatrixTest {

  static final String ORG = "org-continuity";
  static final String IMAGE =
      "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw"
          + "HwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

  static final TestServiceAccount ACCOUNT = new TestServiceAccount();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static ContinuityUpstreams upstreams;
  static FakeTokenEndpoint oauth;
  static ResumeStates states;
  static final Map<Family, Provider> adapters = new EnumMap<>(Family.class);
  static final Map<Family, String> models = new EnumMap<>(Family.class);
  static final Map<Family, Secret> keys = new EnumMap<>(Family.class);

  @BeforeAll
  static void start() throws Exception {
    upstreams = new ContinuityUpstreams();
    oauth = new FakeTokenEndpoint(ACCOUNT.publicKey());
    states = new InMemoryResumeStates();
    String base = upstreams.baseUrl();
    adapters.put(
        Family.OPENAI, new OpenAiProvider(settings("openai", base + "/openai/v1", null), HTTP));
    adapters.put(
        Family.ANTHROPIC,
        new AnthropicProvider(
            settings("anthropic", base + "/anthropic", null), HTTP, null, states));
    adapters.put(
        Family.GEMINI,
        new GeminiProvider(settings("gemini", base + "/gemini", null), HTTP, states));
    ObjectNode vertex = Json.object().put("project", "demo-project").put("location", "us-central1");
    vertex.set("credentials", ACCOUNT.keyJson(oauth.uri()));
    adapters.put(
        Family.VERTEX,
        new GeminiProvider(settings("vertex", base + "/vertex", vertex), HTTP, states));
    ObjectNode aws =
        Json.object()
            .put("region", "us-east-1")
            .put("access-key-id", "AKIDEXAMPLE")
            .put("secret-access-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    adapters.put(
        Family.BEDROCK, new BedrockProvider(settings("bedrock", base + "/bedrock", aws), HTTP));
    models.put(Family.OPENAI, "gpt-4o-2024-08-06");
    models.put(Family.ANTHROPIC, "claude-sonnet-4-5-20250929");
    models.put(Family.GEMINI, "gemini-3-pro-preview");
    models.put(Family.VERTEX, "gemini-3-pro-preview");
    models.put(Family.BEDROCK, "anthropic.claude-sonnet-4-5-20250929-v1:0");
    keys.put(Family.OPENAI, new Secret("sk-continuity-openai"));
    keys.put(Family.ANTHROPIC, new Secret("sk-ant-continuity"));
    keys.put(Family.GEMINI, new Secret("AIza-continuity"));
  }

  @AfterAll
  static void stop() {
    upstreams.close();
    oauth.close();
  }

  static Stream<Arguments> pairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (Family first : Family.values()) {
      for (Family second : Family.values()) {
        pairs.add(Arguments.of(first, second));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} then {1}")
  @MethodSource("pairs")
  void theNextTurnIsAcceptedByAnotherProvider(Family first, Family second) throws Exception {
    ObjectNode turn = firstTurn();
    JsonNode answer = send(first, turn).answer();
    JsonNode assistant = answer.at("/choices/0/message");
    assertEquals("tool_calls", answer.at("/choices/0/finish_reason").asText(), answer.toString());
    String callId = assistant.at("/tool_calls/0/id").asText();

    ArrayNode messages = (ArrayNode) turn.get("messages");
    messages.add(assistant.deepCopy());
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", callId)
        .put("content", "{\"temperature_c\": 21, \"sky\": \"sunny\"}");
    turn.put("temperature", 1.5);
    if (second == Family.ANTHROPIC) {
      turn.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    }
    int violationsBefore = upstreams.violations().size();

    Sent next = send(second, turn);

    assertEquals(
        ContinuityUpstreams.FINAL_ANSWER,
        next.answer().at("/choices/0/message/content").asText(),
        next.answer().toString());
    assertEquals("stop", next.answer().at("/choices/0/finish_reason").asText());
    assertEquals(
        List.of(), upstreams.violations().subList(violationsBefore, upstreams.violations().size()));
    assertTrue(
        callId.matches("[A-Za-z0-9_-]{1,40}"),
        "the client got an id every provider accepts: " + callId);
    String sent = upstreams.last(second).body().toString();
    for (Family other : Family.values()) {
      if (other != second) {
        for (String token : upstreams.issuedBy(other)) {
          assertFalse(
              sent.contains(token), other + "'s opaque state reached " + second + ": " + token);
        }
      }
    }
    if (first == second && (first == Family.GEMINI || first == Family.VERTEX)) {
      String signature =
          upstreams.last(second).body().at("/contents/1/parts/0/thoughtSignature").asText();
      assertTrue(
          upstreams.issuedBy(first).contains(signature),
          "the thought signature comes back to the platform that issued it");
    }
    if (second == Family.BEDROCK || second == Family.ANTHROPIC) {
      assertTrue(
          next.adjusted().contains("temperature:1.5->1"),
          "the change is reported: " + next.adjusted());
    }
  }

  /**
   * A plain OpenAI client keeps only the fields it knows: the thinking blocks of an Anthropic turn
   * are lost on its side, and Anthropic (thinking on) refuses a continued tool turn without them.
   * The gateway kept them under the call's id.
   */
  @Test
  void anthropicThinkingSurvivesAClientThatDropsIt() throws Exception {
    ObjectNode turn = firstTurn();
    JsonNode assistant = send(Family.ANTHROPIC, turn).answer().at("/choices/0/message");
    ObjectNode echoed = Json.object().put("role", "assistant").putNull("content");
    echoed.set("tool_calls", assistant.get("tool_calls"));
    ArrayNode messages = (ArrayNode) turn.get("messages");
    messages.add(echoed);
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", assistant.at("/tool_calls/0/id").asText())
        .put("content", "sunny");
    turn.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);

    Sent next = send(Family.ANTHROPIC, turn);

    assertEquals(
        ContinuityUpstreams.FINAL_ANSWER, next.answer().at("/choices/0/message/content").asText());
    JsonNode sentTurn = upstreams.last(Family.ANTHROPIC).body().at("/messages/1/content/0");
    assertEquals("thinking", sentTurn.path("type").asText());
    assertTrue(upstreams.issuedBy(Family.ANTHROPIC).contains(sentTurn.path("signature").asText()));
    assertTrue(upstreams.last(Family.ANTHROPIC).body().has("thinking"), "thinking stays on");
  }

  /** Another organisation cannot pick up a conversation's provider state by guessing its ids. */
  @Test
  void resumeStateIsScopedToTheOrganisation() throws Exception {
    ObjectNode turn = firstTurn();
    JsonNode assistant = send(Family.GEMINI, turn).answer().at("/choices/0/message");
    ArrayNode messages = (ArrayNode) turn.get("messages");
    messages.add(assistant.deepCopy());
    messages
        .addObject()
        .put("role", "tool")
        .put("tool_call_id", assistant.at("/tool_calls/0/id").asText())
        .put("content", "sunny");

    send(Family.GEMINI, turn, "org-other");

    assertEquals(
        ContinuityUpstreams.GEMINI_DUMMY_SIGNATURE,
        upstreams.last(Family.GEMINI).body().at("/contents/1/parts/0/thoughtSignature").asText());
  }

  /**
   * Gemini says when to retry only in its error body ({@code RetryInfo.retryDelay: "34.4s"}); the
   * client must get it as {@code Retry-After} (whole seconds, rounded up) and {@code
   * retry-after-ms}.
   */
  @Test
  void geminisRetryDelayBecomesTheRetryAfter() {
    upstreams.exhaustQuota(
        Family.GEMINI, Fixtures.text("gemini/error-429-resource-exhausted.json"));

    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> send(Family.GEMINI, firstTurn()));

    GatewayError error = GatewayError.of(failure.getCause());
    assertEquals(429, error.status());
    assertEquals(35, error.retryAfter());
    assertEquals(34_400L, error.retryAfterMillis());
  }

  /** OpenAI names the wait in its 429 message; without a header, that is the hint. */
  @Test
  void openAisRetryDelayInTheMessageBecomesTheRetryAfter() {
    upstreams.exhaustQuota(
        Family.OPENAI, Fixtures.text("openai/error-429-rate-limit-exceeded.json"));

    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> send(Family.OPENAI, firstTurn()));

    GatewayError error = GatewayError.of(failure.getCause());
    assertEquals(27, error.retryAfter());
    assertEquals(26_604L, error.retryAfterMillis());
  }

  static ObjectNode firstTurn() {
    ObjectNode body = Json.object().put("model", "auto");
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", "You are a terse weather bot.");
    ArrayNode content = messages.addObject().put("role", "user").putArray("content");
    content.addObject().put("type", "text").put("text", "What is the weather where I took this?");
    content.addObject().put("type", "image_url").putObject("image_url").put("url", IMAGE);
    ObjectNode function =
        body.putArray("tools").addObject().put("type", "function").putObject("function");
    function.put("name", "get_weather").put("description", "Current weather of a city.");
    ObjectNode parameters = function.putObject("parameters").put("type", "object");
    parameters.putObject("properties").putObject("city").put("type", "string");
    parameters.putArray("required").add("city");
    body.putArray("stop").add("###");
    return body;
  }

  record Sent(JsonNode answer, List<String> adjusted) {}

  static Sent send(Family family, ObjectNode body) throws Exception {
    return send(family, body, ORG);
  }

  /** What the gateway does for one attempt: read, scope, apply the provider's limits, call. */
  static Sent send(Family family, ObjectNode body, String org) throws Exception {
    ChatRequest request =
        OpenAiRequestReader.read(body.deepCopy(), RequestOptionsReader.FIELDS)
            .withModel(models.get(family))
            .withConversationScope(org);
    Provider adapter = adapters.get(family);
    ParameterPolicy.Applied applied = adapter.parameterPolicy().apply(request);
    ChatResponse response =
        adapter
            .chat(applied.request(), keys.get(family))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return new Sent(OpenAiResponseWriter.write(response), applied.changes());
  }

  private static ProviderSettings settings(String type, String baseUrl, ObjectNode options) {
    return new ProviderSettings(
        type,
        type,
        baseUrl,
        List.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        Map.of(),
        options);
  }
}
