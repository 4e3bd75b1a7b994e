package ai.hyperion.provider.anthropic;

import static ai.hyperion.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.AccessTokenSource;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.KeyedProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a fake Anthropic upstream that answers with recorded wire bytes. */
class AnthropicProviderTest {

  private static final String KEY = "sk-ant-api03-test-key-not-real";

  private HttpServer server;
  private String base;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile int status;
  private volatile String contentType;
  private volatile byte[] answer;
  private volatile HttpExchange seen;
  private volatile JsonNode seenBody;

  @BeforeEach
  void startFakeUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seenBody = Json.tryParse(exchange.getRequestBody().readAllBytes()).orElse(null);
          seen = exchange;
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopFakeUpstream() {
    server.stop(0);
  }

  private void answer(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.answer = body;
  }

  private KeyedProvider provider(String baseUrl, ObjectNode options, AccessTokenSource tokens) {
    ProviderSettings settings =
        new ProviderSettings(
            "anthropic",
            "anthropic",
            baseUrl,
            List.of(new Secret(KEY)),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of("anthropic-beta", "prompt-caching-2024-07-31"),
            options);
    return KeyedProvider.of(new AnthropicProvider(settings, http, tokens), settings);
  }

  private static ChatRequest hello(boolean stream) {
    return new ChatRequest(
        "claude-sonnet-4-5-20250929",
        List.of(
            ChatMessage.text(Role.SYSTEM, "Be kind."),
            ChatMessage.text(Role.USER, "Hello, how are you?")),
        stream,
        stream,
        null,
        null,
        0.2,
        null,
        null,
        null,
        null,
        null,
        Json.object());
  }

  @Test
  void chatSendsKeyVersionAndTranslatedBodyAndReadsTheAnswer() throws Exception {
    answer(200, "application/json", bytes("anthropic/messages-text.json"));
    ChatResponse r =
        provider(base + "/v1/", null, null)
            .chat(hello(false))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals("/v1/messages", seen.getRequestURI().getPath());
    assertEquals("POST", seen.getRequestMethod());
    assertEquals(KEY, seen.getRequestHeaders().getFirst("x-api-key"));
    assertEquals(
        Fixtures.json("anthropic/messages-request.headers.json").get("anthropic-version").asText(),
        seen.getRequestHeaders().getFirst("anthropic-version"));
    assertEquals("prompt-caching-2024-07-31", seen.getRequestHeaders().getFirst("anthropic-beta"));
    assertTrue(seen.getRequestHeaders().getFirst("Content-Type").startsWith("application/json"));
    assertEquals("claude-sonnet-4-5-20250929", seenBody.get("model").asText());
    assertEquals(4096, seenBody.get("max_tokens").asInt());
    assertEquals("Be kind.", seenBody.get("system").get(0).get("text").asText());
    assertFalse(seenBody.has("stream"));
    assertEquals(
        "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can"
            + " help you with?",
        r.choices().get(0).message().text());
    assertEquals(FinishReason.STOP, r.choices().get(0).finishReason());
    assertEquals(new Usage(12, 29), r.usage());
  }

  @Test
  void baseUrlWithoutV1ReachesTheSamePath() throws Exception {
    answer(200, "application/json", bytes("anthropic/messages-cache-creation-and-read.json"));
    ChatResponse r =
        provider(base, null, null)
            .chat(hello(false))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertEquals("/v1/messages", seen.getRequestURI().getPath());
    assertEquals(new Usage(1532, 33, 1111, 418, 0), r.usage());
  }

  @Test
  void streamDeliversTheRecordedToolCallWithBackpressure() throws Exception {
    answer(
        200,
        Fixtures.json("anthropic/messages-stream.headers.json").get("content-type").asText(),
        bytes("anthropic/messages-stream-tool-use.sse"));
    Flow.Publisher<StreamEvent> publisher =
        provider(base, null, null).stream(hello(true))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    List<StreamEvent> events = collect(publisher).get(10, TimeUnit.SECONDS);
    assertTrue(seenBody.get("stream").asBoolean());
    assertEquals("msg_01AusY9WEbCaj3N7Tv5J4YjH", ((StreamEvent.Start) events.get(0)).id());
    StringBuilder arguments = new StringBuilder();
    events.stream()
        .filter(StreamEvent.ToolCallDelta.class::isInstance)
        .forEach(e -> arguments.append(((StreamEvent.ToolCallDelta) e).argumentsFragment()));
    assertEquals("{\"location\": \"San Francisco, CA\", \"units\": \"f\"}", arguments.toString());
    assertTrue(events.contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS)));
    assertEquals(new StreamEvent.UsageReport(new Usage(656, 74)), events.get(events.size() - 1));
  }

  @Test
  void overloaded529IsARetryable503ForChatAndStream() {
    answer(529, "application/json", bytes("anthropic/error-529-overloaded.json"));
    ProviderException chat =
        failure(provider(base, null, null).chat(hello(false)).toCompletableFuture());
    assertEquals(503, chat.status());
    assertTrue(chat.retryable());
    assertEquals("Overloaded", chat.getMessage());
    ProviderException stream =
        failure(provider(base, null, null).stream(hello(true)).toCompletableFuture());
    assertEquals(503, stream.status());
    assertTrue(stream.retryable());
  }

  @Test
  void rejectedKeyIsA502ThatDoesNotShowTheKey() {
    answer(401, "application/json", bytes("anthropic/error-401-authentication.json"));
    ProviderException e =
        failure(provider(base, null, null).chat(hello(false)).toCompletableFuture());
    assertEquals(502, e.status());
    assertFalse(e.retryable());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void streamCutBeforeMessageStopFailsRetryably() throws Exception {
    String full = new String(bytes("anthropic/messages-text-stream.sse"), StandardCharsets.UTF_8);
    answer(
        200,
        "text/event-stream",
        full.substring(0, full.indexOf("event: content_block_stop"))
            .getBytes(StandardCharsets.UTF_8));
    Flow.Publisher<StreamEvent> publisher =
        provider(base, null, null).stream(hello(true))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ProviderException e = failure(collect(publisher));
    assertEquals("stream_truncated", e.code());
    assertEquals(502, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void errorEventInsideA200StreamFailsThePublisher() throws Exception {
    answer(200, "text/event-stream", bytes("anthropic/messages-stream-error-event.sse"));
    Flow.Publisher<StreamEvent> publisher =
        provider(base, null, null).stream(hello(true))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ProviderException e = failure(collect(publisher));
    assertEquals(503, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void vertexUsesRawPredictABearerTokenAndTheVertexVersion() throws Exception {
    ObjectNode options =
        Json.object().put("platform", "vertex").put("project", "my-proj").put("region", "us-east5");
    KeyedProvider vertex =
        provider(base, options, () -> CompletableFuture.completedFuture("ya29.test-token"));
    ChatRequest request = hello(false).withModel("claude-sonnet-4-5@20250929");
    answer(200, "application/json", bytes("anthropic/messages-text.json"));
    ChatResponse r = vertex.chat(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertEquals(
        "/v1/projects/my-proj/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@2"
            + "0250929:rawPredict",
        seen.getRequestURI().getPath());
    assertEquals("Bearer ya29.test-token", seen.getRequestHeaders().getFirst("Authorization"));
    assertNull(seen.getRequestHeaders().getFirst("x-api-key"));
    assertEquals("vertex-2023-10-16", seenBody.get("anthropic_version").asText());
    assertFalse(seenBody.has("model"));
    assertEquals(FinishReason.STOP, r.choices().get(0).finishReason());

    answer(200, "text/event-stream", bytes("anthropic/messages-text-stream.sse"));
    List<StreamEvent> events =
        collect(
                vertex.stream(request.withModel("claude-haiku-4-5@20251001"))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS))
            .get(10, TimeUnit.SECONDS);
    assertTrue(
        seen.getRequestURI()
            .getPath()
            .endsWith("/models/claude-haiku-4-5@20251001:streamRawPredict"));
    assertTrue(events.contains(new StreamEvent.Finish(0, FinishReason.STOP)));
  }

  @Test
  void vertexModelNamesCannotChooseAnotherPath() {
    ProviderSettings settings =
        new ProviderSettings(
            "claude-vertex",
            "anthropic",
            null,
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            Json.object().put("platform", "vertex").put("project", "p").put("region", "global"));
    AnthropicConfig config = AnthropicConfig.from(settings);
    for (String hostile :
        List.of("../../../v1/projects/other/x", "m?alt=x", "m#frag", "m%2F..", "a/b", "m\r\nX")) {
      InvalidRequestException refused =
          assertThrows(InvalidRequestException.class, () -> config.vertexUri(hostile, false));
      assertEquals("model", refused.param());
      assertFalse(refused.getMessage().contains(hostile), "the name is not echoed");
    }
    assertTrue(
        config
            .vertexUri("claude-sonnet-4-5@20250929", false)
            .getPath()
            .endsWith("/publishers/anthropic/models/claude-sonnet-4-5@20250929:rawPredict"));
  }

  @Test
  void vertexDefaultHostFollowsTheRegion() {
    ProviderSettings settings =
        new ProviderSettings(
            "claude-vertex",
            "anthropic",
            null,
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            Json.object()
                .put("platform", "vertex")
                .put("project", "p")
                .put("region", "europe-west1"));
    assertEquals(
        "https://europe-west1-aiplatform.googleapis.com/v1/projects/p/locations/europe-west1/pub"
            + "lishers/anthropic/models/m:rawPredict",
        AnthropicConfig.from(settings).vertexUri("m", false).toString());
    ProviderSettings global =
        new ProviderSettings(
            "claude-vertex",
            "anthropic",
            null,
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            Json.object().put("platform", "vertex").put("project", "p").put("region", "global"));
    assertTrue(
        AnthropicConfig.from(global)
            .vertexUri("m", true)
            .toString()
            .startsWith("https://aiplatform.googleapis.com/v1/projects/p/locations/global/"));
    assertEquals(
        "https://api.anthropic.com/v1/messages",
        AnthropicConfig.from(
                new ProviderSettings(
                    "a",
                    "anthropic",
                    null,
                    List.of(),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Map.of(),
                    null))
            .messagesUri()
            .toString());
  }

  @Test
  void misconfiguredOptionsFailAtConstruction() {
    IllegalArgumentException typo =
        assertThrows(
            IllegalArgumentException.class,
            () -> provider(base, Json.object().put("default-max-token", 10), null));
    assertTrue(typo.getMessage().contains("providers.anthropic.options.default-max-token"));
    assertThrows(
        IllegalArgumentException.class,
        () -> provider(base, Json.object().put("platform", "vertex"), null));
    assertThrows(
        IllegalArgumentException.class,
        () -> provider(base, Json.object().put("default-max-tokens", 0), null));
  }

  @Test
  void requestAnthropicCannotExpressFailsTheStageWithoutCallingUpstream() {
    ChatRequest audio =
        new ChatRequest(
            "claude-haiku-4-5",
            List.of(
                new ChatMessage(
                    Role.USER,
                    List.of(new ContentPart.Opaque(Json.object().put("type", "input_audio"))),
                    false,
                    List.of(),
                    null,
                    null)),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    CompletableFuture<ChatResponse> result =
        provider(base, null, null).chat(audio).toCompletableFuture();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
    assertInstanceOf(InvalidRequestException.class, e.getCause());
    assertNull(seen);
  }

  private static ProviderException failure(CompletableFuture<?> future) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
    return assertInstanceOf(ProviderException.class, cause);
  }

  /** Subscribes requesting one event at a time; completes with all events or the stream's error. */
  private static CompletableFuture<List<StreamEvent>> collect(
      Flow.Publisher<StreamEvent> publisher) {
    CompletableFuture<List<StreamEvent>> result = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          private final List<StreamEvent> events = new ArrayList<>();
          private Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(StreamEvent item) {
            events.add(item);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
          }

          @Override
          public void onComplete() {
            result.complete(events);
          }
        });
    return result;
  }
}
