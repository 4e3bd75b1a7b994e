package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.KeyedProvider;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiProviderTest {

  private static final String SSE = "text/event-stream";

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeGoogleUpstream upstream;
  private KeyedProvider provider;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeGoogleUpstream();
    ProviderSettings settings =
        new ProviderSettings(
            "gemini",
            "gemini",
            upstream.baseUrl(),
            List.of(new Secret("AIza-first-test-key"), new Secret("AIza-second-test-key")),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of("x-goog-user-project", "demo"),
            null);
    provider = KeyedProvider.of(new GeminiProvider(settings, http), settings);
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void chatSendsGeminiWireFormatWithTheApiKeyAndReadsTheToolCall() throws Exception {
    upstream.answerJson(
        ":generateContent",
        200,
        Fixtures.bytes("gemini/generate-content-function-call-thought-signature.json"));

    ChatResponse response = await(provider.chat(toolRequest(false)));

    FakeGoogleUpstream.Received sent = upstream.last();
    assertEquals("/v1beta/models/gemini-2.5-pro:generateContent", sent.path());
    assertEquals("AIza-first-test-key", sent.headers().get("x-goog-api-key"));
    assertEquals("demo", sent.headers().get("x-goog-user-project"));
    assertNull(sent.headers().get("authorization"));
    assertEquals("Be concise.", sent.body().at("/systemInstruction/parts/0/text").asText());
    assertEquals("search_docs", sent.body().at("/tools/0/functionDeclarations/0/name").asText());
    ChatResponse.Choice choice = response.choices().get(0);
    assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
    assertEquals(
        "{\"query\":\"recurring revenue\"}", choice.message().toolCalls().get(0).arguments());
    assertEquals(new Usage(170, 148, 0, 0, 132), response.usage());
  }

  @Test
  void toolCallSentBackReachesGeminiWithItsSignature() throws Exception {
    upstream.answerJson(
        ":generateContent",
        200,
        Fixtures.bytes("gemini/generate-content-function-call-thought-signature.json"));
    ToolCall call =
        await(provider.chat(toolRequest(false))).choices().get(0).message().toolCalls().get(0);
    upstream.answerJson(
        ":generateContent",
        200,
        Fixtures.bytes("gemini/generate-content-text-after-function-response.json"));

    ChatResponse answer =
        await(
            provider.chat(
                new ChatRequest(
                    "gemini-2.5-pro",
                    List.of(
                        ChatMessage.text(Role.USER, "Search for recurring revenue."),
                        new ChatMessage(Role.ASSISTANT, null, true, List.of(call), null, null),
                        new ChatMessage(
                            Role.TOOL,
                            List.of(new ContentPart.Text("found it")),
                            true,
                            List.of(),
                            call.id(),
                            null)),
                    false,
                    false,
                    null,
                    null,
                    null,
                    null,
                    null,
                    tools(),
                    null,
                    null,
                    null)));

    // Sent back exactly as Gemini gave it, kept server-side under the short id.
    String recordedSignature =
        Fixtures.json("gemini/generate-content-function-call-thought-signature.json")
            .at("/candidates/0/content/parts/0/thoughtSignature")
            .asText();
    assertTrue(call.id().matches("call_[A-Za-z0-9]{24}"), call.id());
    assertEquals(
        recordedSignature,
        upstream.last().body().at("/contents/1/parts/0/thoughtSignature").asText());
    assertEquals(
        "search_docs",
        upstream.last().body().at("/contents/2/parts/0/functionResponse/name").asText());
    assertTrue(answer.choices().get(0).message().text().startsWith("OK. I found a reference"));
  }

  @Test
  void theKeyTheRouterChoseIsTheOneSent() throws Exception {
    upstream.answerJson(
        ":generateContent", 200, Fixtures.bytes("gemini/generate-content-text.json"));
    KeyedProvider second =
        new KeyedProvider(provider.adapter(), new Secret("AIza-second-test-key"));

    await(provider.chat(toolRequest(false)));
    await(second.chat(toolRequest(false)));

    assertEquals("AIza-first-test-key", upstream.received().get(0).headers().get("x-goog-api-key"));
    assertEquals(
        "AIza-second-test-key", upstream.received().get(1).headers().get("x-goog-api-key"));
  }

  @Test
  void streamUsesSseEndpointAndDeliversTheRecordedEvents() throws Exception {
    upstream.answer(
        ":streamGenerateContent",
        200,
        SSE,
        Fixtures.bytes("gemini/stream-generate-content-text-usage.sse"));

    Collected stream = StreamCollector.drain(await(provider.stream(toolRequest(true))));

    assertEquals("/v1beta/models/gemini-2.5-pro:streamGenerateContent", upstream.last().path());
    assertEquals("alt=sse", upstream.last().query());
    assertNull(stream.failure());
    assertTrue(
        stream.text().startsWith("1\n2\n3\n") && stream.text().endsWith("29\n30"), stream.text());
    List<StreamEvent> events = stream.events();
    assertEquals(new StreamEvent.Finish(0, FinishReason.STOP), events.get(events.size() - 2));
    assertEquals(
        new StreamEvent.UsageReport(new Usage(18, 115, 0, 0, 35)), events.get(events.size() - 1));
  }

  @Test
  void streamedFunctionCallFinishesWithToolCalls() throws Exception {
    upstream.answer(
        ":streamGenerateContent",
        200,
        SSE,
        Fixtures.sseFromJsonl("gemini/stream-generate-content-function-call.jsonl"));

    Collected stream = StreamCollector.drain(await(provider.stream(toolRequest(true))));

    StreamEvent.ToolCallDelta call =
        assertInstanceOf(StreamEvent.ToolCallDelta.class, stream.events().get(1));
    assertEquals("weather", call.name());
    assertTrue(call.id().matches("call_[A-Za-z0-9]{24}"), call.id());
    assertTrue(stream.events().contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS)));
  }

  @Test
  void streamCutBeforeItsFinishReasonEndsInARetryableTruncation() throws Exception {
    String whole = Fixtures.text("gemini/stream-generate-content-text.sse");
    upstream.answer(
        ":streamGenerateContent",
        200,
        SSE,
        whole.substring(0, whole.lastIndexOf("data: ")).getBytes(StandardCharsets.UTF_8));

    Collected stream = StreamCollector.drain(await(provider.stream(toolRequest(true))));

    ProviderException failure = assertInstanceOf(ProviderException.class, stream.failure());
    assertEquals("stream_truncated", failure.code());
    assertEquals(502, failure.status());
    assertTrue(failure.retryable());
    assertTrue(stream.text().startsWith("There are **3**"));
  }

  @Test
  void errorBodyAppendedToTheStreamEndsItWithThatError() throws Exception {
    upstream.answer(
        ":streamGenerateContent",
        200,
        SSE,
        Fixtures.bytes("gemini/stream-generate-content-503-appended-as-reported.sse"));

    Collected stream = StreamCollector.drain(await(provider.stream(toolRequest(true))));

    ProviderException failure = assertInstanceOf(ProviderException.class, stream.failure());
    assertEquals(503, failure.status());
    assertTrue(failure.retryable());
    assertEquals("Okay", stream.text());
  }

  @Test
  void embeddingsUseBatchEmbedContents() throws Exception {
    upstream.answerJson(
        ":batchEmbedContents", 200, Fixtures.bytes("gemini/batch-embed-contents.json"));

    EmbeddingResponse response =
        await(
            provider.embed(
                new EmbeddingRequest(
                    "gemini-embedding-001", List.of("first", "second"), null, null, null)));

    assertEquals("/v1beta/models/gemini-embedding-001:batchEmbedContents", upstream.last().path());
    assertEquals("AIza-first-test-key", upstream.last().headers().get("x-goog-api-key"));
    assertEquals("second", upstream.last().body().at("/requests/1/content/parts/0/text").asText());
    assertEquals(
        "models/gemini-embedding-001", upstream.last().body().at("/requests/0/model").asText());
    assertEquals(0.857853, response.data().get(0).vector().get(1).asDouble());
    assertEquals(12, response.usage().promptTokens());
  }

  @Test
  void quotaExhaustionIsARetryable429() {
    upstream.answerJson(
        ":generateContent", 429, Fixtures.bytes("gemini/error-429-resource-exhausted.json"));
    upstream.answerJson(
        ":streamGenerateContent", 429, Fixtures.bytes("gemini/error-429-resource-exhausted.json"));

    for (CompletionStage<?> call :
        List.of(provider.chat(toolRequest(false)), provider.stream(toolRequest(true)))) {
      ProviderException e = failure(call);
      assertEquals(429, e.status());
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("retry after 34.4s"));
    }
  }

  @Test
  void overloadedModelIsARetryable503() {
    upstream.answerJson(
        ":generateContent", 503, Fixtures.bytes("gemini/error-503-unavailable.json"));
    upstream.answerJson(
        ":streamGenerateContent", 503, Fixtures.bytes("gemini/error-503-unavailable.json"));

    for (CompletionStage<?> call :
        List.of(provider.chat(toolRequest(false)), provider.stream(toolRequest(true)))) {
      ProviderException e = failure(call);
      assertEquals(503, e.status());
      assertTrue(e.retryable());
    }
  }

  @Test
  void rejectedApiKeyIsA502ThatDoesNotNameTheKey() {
    upstream.answerJson(
        ":generateContent", 400, Fixtures.bytes("gemini/error-400-api-key-invalid.json"));

    ProviderException e = failure(provider.chat(toolRequest(false)));

    assertEquals(502, e.status());
    assertFalse(e.retryable());
    assertFalse(e.getMessage().contains("AIza-first-test-key"));
  }

  @Test
  void unknownModelIs404() {
    upstream.answerJson(":generateContent", 404, Fixtures.bytes("gemini/error-404-not-found.json"));

    assertEquals(404, failure(provider.chat(toolRequest(false))).status());
  }

  @Test
  void badRequestIsRejectedBeforeAnyUpstreamCall() {
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-pro",
            List.of(
                new ChatMessage(
                    Role.TOOL,
                    List.of(new ContentPart.Text("x")),
                    true,
                    List.of(),
                    "call_unknown",
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

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> provider.chat(request).toCompletableFuture().get(5, TimeUnit.SECONDS));

    assertInstanceOf(InvalidRequestException.class, e.getCause());
    assertTrue(upstream.received().isEmpty());
  }

  private static ChatRequest toolRequest(boolean stream) {
    return new ChatRequest(
        "gemini-2.5-pro",
        List.of(
            ChatMessage.text(Role.SYSTEM, "Be concise."),
            ChatMessage.text(Role.USER, "Can you search for information about recurring revenue?")),
        stream,
        stream,
        null,
        null,
        null,
        null,
        null,
        tools(),
        null,
        null,
        null);
  }

  private static List<ToolDefinition> tools() {
    return List.of(
        new ToolDefinition(
            "search_docs",
            "A tiny search tool stub.",
            Fixtures.json("gemini/generate-content-request-tools.json")
                .at("/tools/0/functionDeclarations/0/parameters"),
            null));
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static ProviderException failure(CompletionStage<?> stage) {
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    return assertInstanceOf(ProviderException.class, e.getCause());
  }
}
