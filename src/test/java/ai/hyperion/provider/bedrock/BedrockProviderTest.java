package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.ProviderException;
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
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.KeyedProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BedrockProviderTest {

  static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
  static final String KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
  static final Instant NOW = Instant.parse("2025-03-04T05:06:07Z");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FakeBedrock upstream;
  private KeyedProvider provider;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeBedrock();
    ObjectNode options =
        Json.object()
            .put("region", "us-east-1")
            .put("access-key-id", KEY_ID)
            .put("secret-access-key", SECRET)
            .put("session-token", TOKEN);
    provider = provider(options, List.of());
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  private KeyedProvider provider(ObjectNode options, List<Secret> keys) {
    ProviderSettings settings =
        new ProviderSettings(
            "bedrock",
            "bedrock",
            upstream.baseUrl(),
            keys,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            options);
    return KeyedProvider.of(
        new BedrockProvider(settings, http, name -> null, Clock.fixed(NOW, ZoneOffset.UTC)),
        settings);
  }

  static ChatRequest ask(String text) {
    return new ChatRequest(
        MODEL,
        List.of(ChatMessage.text(Role.USER, text)),
        false,
        false,
        256,
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  @Test
  void converseIsSignedWithSigV4ForBedrockAndTranslated() throws Exception {
    upstream.answer(FakeBedrock.json(200, Fixtures.bytes("bedrock/converse-text.json"), null));

    ChatResponse response =
        provider
            .chat(ask("How many r's in strawberry?"))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertTrue(response.choices().get(0).message().text().startsWith("Let me count the \"r\"s"));
    assertEquals(FinishReason.STOP, response.choices().get(0).finishReason());
    assertEquals(new Usage(22, 57), response.usage());
    assertEquals(MODEL, response.model());

    FakeBedrock.Received request = upstream.received.get(0);
    assertEquals("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", request.rawPath());
    String authorization = request.header("Authorization");
    assertTrue(
        authorization.matches(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250304/us-east-1/bedrock/aws4_request,"
                + " SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"
                + " Signature=[0-9a-f]{64}"),
        authorization);
    assertEquals("20250304T050607Z", request.header("X-Amz-Date"));
    assertEquals(TOKEN, request.header("X-Amz-Security-Token"));
    assertEquals(SigV4Signer.sha256Hex(request.body()), request.header("X-Amz-Content-Sha256"));
    // The AWS SDK, given what the server received, computes the same signature.
    assertEquals(
        SdkSigner.authorization(
            "POST",
            URI.create(upstream.baseUrl() + request.rawPath()),
            request.header("Host"),
            request.body(),
            KEY_ID,
            SECRET,
            TOKEN,
            "us-east-1",
            "bedrock",
            NOW),
        authorization);
    JsonNode sent = Json.tryParse(request.body()).orElseThrow();
    assertEquals(
        "How many r's in strawberry?",
        sent.path("messages").get(0).path("content").get(0).path("text").asText());
    assertEquals(256, sent.path("inferenceConfig").path("maxTokens").asInt());
    assertNull(sent.get("modelId"));
  }

  @Test
  void converseStreamDecodesBinaryFrames() throws Exception {
    upstream.answer(
        FakeBedrock.eventStream(
            EventStreamEncoder.concat(EventStreamEncoder.fromJsonl("converse-stream-text.jsonl"))));

    Collected stream = collect(provider.stream(ask("How many r's?")));

    assertNull(stream.error);
    assertEquals(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\n"
            + "There are **3** r's in \"strawberry.\"",
        stream.text());
    assertInstanceOf(StreamEvent.Start.class, stream.events.get(0));
    assertEquals(
        new StreamEvent.Finish(0, FinishReason.STOP), stream.events.get(stream.events.size() - 2));
    assertEquals(
        new StreamEvent.UsageReport(new Usage(22, 55)),
        stream.events.get(stream.events.size() - 1));
    FakeBedrock.Received request = upstream.received.get(0);
    assertEquals(
        "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse-stream", request.rawPath());
    assertEquals(EventStreamDecoder.CONTENT_TYPE, request.header("Accept"));
    assertEquals(
        SdkSigner.authorization(
            "POST",
            URI.create(upstream.baseUrl() + request.rawPath()),
            request.header("Host"),
            request.body(),
            KEY_ID,
            SECRET,
            TOKEN,
            "us-east-1",
            "bedrock",
            NOW),
        request.header("Authorization"));
  }

  @Test
  void converseStreamDeliversToolCalls() throws Exception {
    upstream.answer(
        FakeBedrock.eventStream(
            EventStreamEncoder.concat(
                EventStreamEncoder.fromJsonl("converse-stream-tool-use.jsonl"))));

    Collected stream = collect(provider.stream(ask("Use the tool.")));

    assertNull(stream.error);
    assertEquals(
        new StreamEvent.ToolCallDelta(0, 0, "tool-use-id", "test-tool", ""), stream.events.get(1));
    assertEquals(
        new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
        stream.events.get(stream.events.size() - 2));
  }

  @Test
  void throttlingIsARetryable429ForChatAndStream() throws Exception {
    upstream.answer(
        FakeBedrock.json(
            429,
            "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes(),
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"));

    ProviderException chat = failure(provider.chat(ask("hi")));
    ProviderException stream = failure(provider.stream(ask("hi")));

    for (ProviderException e : List.of(chat, stream)) {
      assertEquals(429, e.status());
      assertEquals("rate_limit_exceeded", e.type());
      assertTrue(e.retryable());
      assertEquals("Too many requests, please wait before trying again.", e.getMessage());
    }
  }

  @Test
  void upstreamErrorsMapByStatus() throws Exception {
    assertHttpError(
        400,
        "ValidationException",
        "Malformed input request, please reformat your input and try again.",
        400,
        false);
    assertHttpError(
        403,
        "AccessDeniedException",
        "You don't have access to the model with the specified model ID.",
        502,
        false);
    assertHttpError(
        403,
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
        502,
        false);
    assertHttpError(
        404,
        "ResourceNotFoundException",
        "Could not resolve the foundation model from the provided model identifier.",
        404,
        false);
    assertHttpError(
        500,
        "InternalServerException",
        "An internal server error occurred. Retry your request.",
        502,
        true);
    assertHttpError(
        503,
        "ServiceUnavailableException",
        "Bedrock is unable to process your request.",
        503,
        true);
  }

  private void assertHttpError(
      int status, String type, String message, int expectedStatus, boolean retryable)
      throws Exception {
    upstream.answer(
        FakeBedrock.json(
            status,
            ("{\"message\":\"" + message + "\"}").getBytes(),
            type + ":http://internal.amazon.com/coral/com.amazon.bedrock/"));
    ProviderException e = failure(provider.chat(ask("hi")));
    assertEquals(expectedStatus, e.status(), type);
    assertEquals(retryable, e.retryable(), type);
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(!e.getMessage().contains(SECRET) && !e.getMessage().contains(TOKEN));
  }

  @Test
  void aTruncatedStreamEndsWithARetryableError() throws Exception {
    List<byte[]> frames = EventStreamEncoder.fromJsonl("converse-stream-text.jsonl");
    byte[] cut = EventStreamEncoder.concat(frames.subList(0, 6));
    byte[] partial = new byte[cut.length + 20];
    System.arraycopy(cut, 0, partial, 0, cut.length);
    System.arraycopy(frames.get(6), 0, partial, cut.length, 20);
    upstream.answer(FakeBedrock.eventStream(partial));

    Collected stream = collect(provider.stream(ask("hi")));

    assertEquals("Let me count the \"r\"s in \"strawberry\":\n\ns-t-**", stream.text());
    ProviderException e = assertInstanceOf(ProviderException.class, stream.error);
    assertEquals("stream_truncated", e.code());
    assertEquals(502, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void anExceptionFrameMidStreamFailsThePublisher() throws Exception {
    List<byte[]> frames =
        new ArrayList<>(EventStreamEncoder.fromJsonl("converse-stream-text.jsonl").subList(0, 3));
    frames.add(
        EventStreamEncoder.exception(
            "throttlingException", "Too many tokens, please wait before trying again."));
    upstream.answer(FakeBedrock.eventStream(EventStreamEncoder.concat(frames)));

    Collected stream = collect(provider.stream(ask("hi")));

    assertEquals("Let me count the \"", stream.text());
    ProviderException e = assertInstanceOf(ProviderException.class, stream.error);
    assertEquals(429, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void anImageUrlFailsWithoutCallingBedrock() throws Exception {
    ChatRequest request =
        new ChatRequest(
            MODEL,
            List.of(
                new ChatMessage(
                    Role.USER,
                    List.of(
                        new ContentPart.Text("What is it?"),
                        new ContentPart.Image("https://example.com/cat.png", null)),
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

    ExecutionException e =
        Assertions.assertThrows(
            ExecutionException.class,
            () -> provider.chat(request).toCompletableFuture().get(10, TimeUnit.SECONDS));

    assertEquals(
        "messages[0].content[1].image_url.url",
        assertInstanceOf(InvalidRequestException.class, e.getCause()).param());
    assertEquals(0, upstream.received.size());
  }

  @Test
  void toolCallsComeBackFromConverse() throws Exception {
    upstream.answer(FakeBedrock.json(200, Fixtures.bytes("bedrock/converse-tool-use.json"), null));

    ChatResponse response =
        provider.chat(ask("List files.")).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(
        List.of(new ToolCall("tool-use-id", "bash", "{\"command\":\"ls -l\"}")),
        response.choices().get(0).message().toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, response.choices().get(0).finishReason());
  }

  static ProviderException failure(CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      return assertInstanceOf(ProviderException.class, cause);
    }
    throw new AssertionError("the call succeeded");
  }

  /** Everything a stream delivered, and how it ended. */
  static final class Collected {
    final List<StreamEvent> events = new ArrayList<>();
    Throwable error;

    String text() {
      StringBuilder out = new StringBuilder();
      events.stream()
          .filter(e -> e instanceof StreamEvent.TextDelta)
          .forEach(e -> out.append(((StreamEvent.TextDelta) e).text()));
      return out.toString();
    }
  }

  static Collected collect(CompletionStage<Flow.Publisher<StreamEvent>> stage) throws Exception {
    Flow.Publisher<StreamEvent> publisher = stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    Collected collected = new Collected();
    CompletableFuture<Void> done = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(StreamEvent item) {
            collected.events.add(item);
          }

          @Override
          public void onError(Throwable throwable) {
            collected.error = throwable;
            done.complete(null);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    done.get(10, TimeUnit.SECONDS);
    return collected;
  }
}
