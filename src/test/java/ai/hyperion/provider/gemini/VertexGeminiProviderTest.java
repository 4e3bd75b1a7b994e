package ai.hyperion.provider.gemini;

import static ai.hyperion.provider.gemini.GeminiProviderTest.await;
import static ai.hyperion.provider.gemini.GeminiProviderTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.gcp.FakeTokenEndpoint;
import ai.hyperion.provider.gcp.TestServiceAccount;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.KeyedProvider;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VertexGeminiProviderTest {

  private static final TestServiceAccount ACCOUNT = new TestServiceAccount();
  private static final String MODELS =
      "/v1/projects/demo-project/locations/us-central1/publishers/google/models/";

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeGoogleUpstream vertex;
  private FakeTokenEndpoint oauth;
  private KeyedProvider provider;

  @BeforeEach
  void start() throws Exception {
    vertex = new FakeGoogleUpstream();
    oauth = new FakeTokenEndpoint(ACCOUNT.publicKey());
    provider =
        KeyedProvider.of(
            new GeminiProvider(settings(vertexOptions()), http), settings(vertexOptions()));
  }

  @AfterEach
  void stop() {
    vertex.close();
    oauth.close();
  }

  @Test
  void chatGoesToTheProjectsModelWithABearerToken() throws Exception {
    vertex.answerJson(
        ":generateContent",
        200,
        Fixtures.bytes("gemini/generate-content-text-thoughts-usage.json"));

    ChatResponse response = await(provider.chat(request(false)));

    FakeGoogleUpstream.Received sent = vertex.last();
    assertEquals(MODELS + "gemini-2.5-flash:generateContent", sent.path());
    assertEquals("Bearer ya29.test-1", sent.headers().get("authorization"));
    assertNull(sent.headers().get("x-goog-api-key"));
    assertEquals(
        "What is the capital of France?", sent.body().at("/contents/0/parts/0/text").asText());
    assertEquals("Hello! How can I help you today?", response.choices().get(0).message().text());
    assertEquals(new Usage(9, 43, 0, 0, 34), response.usage());
  }

  @Test
  void oneTokenServesManyRequests() throws Exception {
    vertex.answerJson(
        ":generateContent", 200, Fixtures.bytes("gemini/generate-content-max-tokens.json"));

    for (int i = 0; i < 3; i++) {
      assertEquals(
          FinishReason.LENGTH,
          await(provider.chat(request(false))).choices().get(0).finishReason());
    }

    assertEquals(1, oauth.exchanges());
    assertTrue(
        vertex.received().stream()
            .allMatch(r -> "Bearer ya29.test-1".equals(r.headers().get("authorization"))));
  }

  @Test
  void streamUsesTheSseMethod() throws Exception {
    vertex.answer(
        ":streamGenerateContent",
        200,
        "text/event-stream",
        Fixtures.bytes("gemini/stream-generate-content-function-call-verbatim.sse"));

    Collected stream = StreamCollector.drain(await(provider.stream(request(true))));

    assertEquals(MODELS + "gemini-2.5-flash:streamGenerateContent", vertex.last().path());
    assertEquals("alt=sse", vertex.last().query());
    assertEquals("Bearer ya29.test-1", vertex.last().headers().get("authorization"));
    assertNull(stream.failure());
    StreamEvent.ToolCallDelta call =
        assertInstanceOf(StreamEvent.ToolCallDelta.class, stream.events().get(1));
    assertEquals("get_capital", call.name());
    assertTrue(stream.events().contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS)));
  }

  @Test
  void truncatedStreamFailsRetryably() throws Exception {
    String whole = Fixtures.text("gemini/stream-generate-content-text-2.0-flash.sse");
    vertex.answer(
        ":streamGenerateContent",
        200,
        "text/event-stream",
        whole.substring(0, whole.lastIndexOf("data: ")).getBytes(StandardCharsets.UTF_8));

    Collected stream = StreamCollector.drain(await(provider.stream(request(true))));

    assertEquals("The capital of France", stream.text());
    ProviderException failure = assertInstanceOf(ProviderException.class, stream.failure());
    assertEquals("stream_truncated", failure.code());
    assertTrue(failure.retryable());
  }

  @Test
  void embeddingsUsePredictWithInstances() throws Exception {
    vertex.answerJson(":predict", 200, Fixtures.bytes("gemini/vertex-embedding.json"));

    EmbeddingResponse response =
        await(
            provider.embed(
                new EmbeddingRequest(
                    "text-embedding-005",
                    List.of("sunny day at the beach", "rainy day in the city"),
                    "float",
                    5,
                    null)));

    assertEquals(MODELS + "text-embedding-005:predict", vertex.last().path());
    assertEquals("rainy day in the city", vertex.last().body().at("/instances/1/content").asText());
    assertEquals(5, vertex.last().body().at("/parameters/outputDimensionality").asInt());
    assertEquals(-0.017999587580561638, response.data().get(0).vector().get(0).asDouble());
    assertEquals(11, response.usage().promptTokens());
  }

  @Test
  void rateLimitIsARetryable429() {
    vertex.answerJson(
        ":generateContent", 429, Fixtures.bytes("gemini/error-429-resource-exhausted.json"));
    vertex.answerJson(
        ":streamGenerateContent", 429, Fixtures.bytes("gemini/error-429-resource-exhausted.json"));

    for (CompletionStage<?> call :
        List.of(provider.chat(request(false)), provider.stream(request(true)))) {
      ProviderException e = failure(call);
      assertEquals(429, e.status());
      assertTrue(e.retryable());
    }
  }

  @Test
  void unavailableIsARetryable503() {
    vertex.answerJson(":generateContent", 503, Fixtures.bytes("gemini/error-503-unavailable.json"));
    vertex.answerJson(":predict", 503, Fixtures.bytes("gemini/error-503-unavailable.json"));

    ProviderException chat = failure(provider.chat(request(false)));
    ProviderException embed =
        failure(
            provider.embed(
                new EmbeddingRequest("text-embedding-005", List.of("a"), null, null, null)));

    assertEquals(503, chat.status());
    assertTrue(chat.retryable());
    assertEquals(503, embed.status());
    assertTrue(embed.retryable());
  }

  @Test
  void refusedServiceAccountFailsBeforeReachingVertex() {
    oauth.refuseWith(400);

    ProviderException e = failure(provider.chat(request(false)));

    assertEquals(502, e.status());
    assertEquals("upstream_auth_failed", e.code());
    assertFalse(e.retryable());
    assertTrue(vertex.received().isEmpty());
  }

  @Test
  void vertexNeedsProjectAndLocation() {
    ObjectNode options = vertexOptions();
    options.remove("project");

    assertThrows(IllegalArgumentException.class, () -> new GeminiProvider(settings(options), http));
  }

  private ProviderSettings settings(ObjectNode options) {
    return new ProviderSettings(
        "vertex-gemini",
        "gemini",
        vertex.baseUrl(),
        List.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Map.of(),
        options);
  }

  private ObjectNode vertexOptions() {
    ObjectNode options =
        Json.object()
            .put("platform", "vertex")
            .put("project", "demo-project")
            .put("location", "us-central1");
    options.set("credentials", ACCOUNT.keyJson(oauth.uri()));
    return options;
  }

  private static ChatRequest request(boolean stream) {
    return new ChatRequest(
        "gemini-2.5-flash",
        List.of(ChatMessage.text(Role.USER, "What is the capital of France?")),
        stream,
        stream,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
