package ai.hyperion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.ProviderException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.pipeline.RequestOptions;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.ResponsesProvider;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.ListPublisher;
import ai.hyperion.testing.StreamCollector;
import java.io.ByteArrayInputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The orchestrator without a container: routing, execution, fallbacks and the stream tap. */
class GatewayTest {

  private static final String CATALOG =
      """
      providers:
        primary: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-primary]}
        backup: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-backup]}
      models:
        - {id: big, provider: primary, upstream-model: big-2025}
        - {id: small, provider: backup, upstream-model: small-2025}
        - {id: embedder, provider: primary, capabilities: [embeddings]}
      """;

  /** Scripted adapters: each answers, fails, or streams as the test says, and logs its calls. */
  private final Map<String, Provider> adapters = new HashMap<>();

  private final List<String> calls = new ArrayList<>();

  private Gateway gateway() {
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
    return TestGateways.of(config, (settings, pool) -> delegate(settings.name()));
  }

  /** The adapter the test put for a provider, looked up at call time. */
  private Provider delegate(String name) {
    if (adapters.get(name) instanceof ResponsesProvider speaksResponses) {
      return speaksResponses; // its second interface must stay visible to the gateway
    }
    return new Provider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<ChatResponse> chat(ChatRequest request, Secret key) {
        return adapters.get(name).chat(request, key);
      }

      @Override
      public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key) {
        return adapters.get(name).stream(request, key);
      }
    };
  }

  private Provider answering(String name, CompletionStage<ChatResponse> answer) {
    return adapter(name, answer, null);
  }

  private Provider adapter(
      String name,
      CompletionStage<ChatResponse> answer,
      CompletionStage<Flow.Publisher<StreamEvent>> stream) {
    return new Provider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<ChatResponse> chat(ChatRequest request, Secret key) {
        calls.add(name + ":" + request.model() + ":" + key.value());
        return answer;
      }

      @Override
      public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key) {
        calls.add(name + ":" + request.model() + ":" + key.value());
        return stream;
      }
    };
  }

  @Test
  void aCallIsServedByTheCatalogModelsUpstreamWithTheKeyTheRouterChose() throws Exception {
    adapters.put(
        "primary",
        answering("primary", CompletableFuture.completedFuture(Calls.answer("Hi", null))));
    ChatCall call = Calls.chat("big");

    ChatResult result = gateway().chat(call).toCompletableFuture().get();

    ChatResult.Complete complete = assertInstanceOf(ChatResult.Complete.class, result);
    assertEquals("big", complete.response().model(), "the client sees the catalog id");
    assertEquals(List.of("primary:big-2025:sk-primary"), calls);
    assertEquals("primary", call.exchange().provider());
    assertTrue(call.exchange().timings().containsKey(Stage.ROUTE));
  }

  /** An OpenAI adapter that may serve the Responses API natively, logging which way it was used. */
  private Provider responses(String name, boolean speaksResponses) {
    Provider chat =
        answering(name, CompletableFuture.completedFuture(Calls.answer("translated", null)));
    return new ResponsesProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<ChatResponse> chat(ChatRequest request, Secret key) {
        return chat.chat(request, key);
      }

      @Override
      public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key) {
        return chat.stream(request, key);
      }

      @Override
      public boolean speaksResponses() {
        return speaksResponses;
      }

      @Override
      public CompletionStage<ChatResponse> respond(
          ResponsesBody body, String upstreamModel, Secret key) {
        calls.add(
            name + ":native:" + new String(body.forModel(upstreamModel), StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(Calls.answer("native", null));
      }

      @Override
      public CompletionStage<Flow.Publisher<StreamEvent>> streamResponse(
          ResponsesBody body, String upstreamModel, Secret key) {
        throw new AssertionError("not streamed here");
      }
    };
  }

  private static ChatCall responsesCall(String model, List<String> hostedTools) {
    String body = "{\"model\":\"" + model + "\",\"input\":\"hi\",\"x_new\":1}";
    return Calls.chat(model)
        .withResponsesBody(
            new ResponsesBody(body.getBytes(StandardCharsets.UTF_8), model, hostedTools));
  }

  @Test
  void aResponsesCallGoesAsSentToANativeUpstreamWithTheUpstreamsModel() throws Exception {
    adapters.put("primary", responses("primary", true));

    ChatResult result = gateway().chat(responsesCall("big", List.of())).toCompletableFuture().get();

    assertEquals(
        List.of("primary:native:{\"model\":\"big-2025\",\"input\":\"hi\",\"x_new\":1}"), calls);
    assertEquals(
        "native", ((ChatResult.Complete) result).response().choices().get(0).message().text());
  }

  @Test
  void aResponsesCallIsTranslatedForAnUpstreamThatIsNotNative() throws Exception {
    adapters.put("primary", responses("primary", false));

    gateway().chat(responsesCall("big", List.of())).toCompletableFuture().get();

    assertEquals(List.of("primary:big-2025:sk-primary"), calls, "the canonical chat request");
  }

  @Test
  void hostedToolsAreRefusedNamingTheToolWhenTheUpstreamIsNotNative() {
    adapters.put("primary", responses("primary", false));

    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () ->
                gateway()
                    .chat(responsesCall("big", List.of("web_search_preview")))
                    .toCompletableFuture()
                    .get());

    RequestRefusedException refused =
        assertInstanceOf(RequestRefusedException.class, failure.getCause());
    assertEquals(400, refused.status());
    assertTrue(refused.getMessage().contains("'web_search_preview'"), refused.getMessage());
    assertTrue(calls.isEmpty(), "nothing was sent upstream");
  }

  @Test
  void aRetryableFailureFallsBackToTheNextModel() throws Exception {
    adapters.put(
        "primary",
        answering(
            "primary",
            CompletableFuture.failedFuture(
                ProviderException.unreachable("primary", new ConnectException("refused")))));
    adapters.put(
        "backup", answering("backup", CompletableFuture.completedFuture(Calls.answer("Hi", null))));
    ChatCall call = Calls.chat("big", false, List.of("small"));

    gateway().chat(call).toCompletableFuture().get();

    assertEquals(
        List.of(
            "primary:big-2025:sk-primary",
            "primary:big-2025:sk-primary",
            "backup:small-2025:sk-backup"),
        calls,
        "one bounded retry (max-retries 1) on the model, then its fallback");
    assertEquals("small", call.exchange().servedModel());
    assertEquals(RouteMode.FALLBACK, call.exchange().routeMode());
  }

  @Test
  void thePoliciesSignalMakesTheRouterStartWithTheModelItNames() throws Exception {
    adapters.put(
        "backup", answering("backup", CompletableFuture.completedFuture(Calls.answer("Hi", null))));
    ChatCall call = Calls.chat("big", false, List.of("small"));
    call.exchange()
        .admission(
            new Admission() {
              @Override
              public Optional<PolicySignal> signal() {
                return Optional.of(new PolicySignal("small", "budget"));
              }

              @Override
              public void settle(Usage usage, String servedModel) {}

              @Override
              public void release() {}
            });

    gateway().chat(call).toCompletableFuture().get();

    assertEquals(List.of("backup:small-2025:sk-backup"), calls);
    assertEquals(RouteMode.FALLBACK, call.exchange().routeMode());
  }

  @Test
  void aStreamIsTappedSoItsEndCarriesTheAccumulatedAnswer() throws Exception {
    List<StreamEvent> events =
        List.of(
            new StreamEvent.Start("chatcmpl-9", "big-2025", 1L),
            new StreamEvent.TextDelta(0, "Hel"),
            new StreamEvent.TextDelta(0, "lo"),
            new StreamEvent.Finish(0, FinishReason.STOP),
            new StreamEvent.UsageReport(new Usage(4, 2)));
    adapters.put(
        "primary",
        adapter("primary", null, CompletableFuture.completedFuture(new ListPublisher<>(events))));
    ChatCall call = Calls.chat("big", true, List.of());

    ChatResult.Streaming streaming =
        assertInstanceOf(
            ChatResult.Streaming.class, gateway().chat(call).toCompletableFuture().get());
    assertEquals(events, StreamCollector.drain(streaming.events()).events());
    streaming.ending().delivered(false, null);
    StreamEnd end = streaming.ending().ended().toCompletableFuture().get();

    assertEquals("Hello", end.answer().choices().get(0).message().text());
    assertEquals(6, end.usage().totalTokens());
    assertTrue(end.complete());
  }

  @Test
  void aStreamCutMidWayEndsIncompleteWithItsFailure() throws Exception {
    ProviderException cut = ProviderException.truncated("primary");
    adapters.put(
        "primary",
        adapter(
            "primary",
            null,
            CompletableFuture.completedFuture(
                new ListPublisher<>(List.of(new StreamEvent.TextDelta(0, "Hel")), cut))));
    ChatCall call = Calls.chat("big", true, List.of());

    ChatResult.Streaming streaming =
        (ChatResult.Streaming) gateway().chat(call).toCompletableFuture().get();
    assertEquals(cut, StreamCollector.drain(streaming.events()).failure());
    streaming.ending().delivered(true, null);
    StreamEnd end = streaming.ending().ended().toCompletableFuture().get();

    assertEquals(cut, end.failure());
    assertEquals("Hel", end.answer().choices().get(0).message().text());
    assertTrue(end.clientDisconnected());
    assertTrue(!end.complete());
  }

  @Test
  void anUnknownModelIsRefusedBeforeAnyUpstreamCall() {
    RequestRefusedException refused =
        assertThrows(RequestRefusedException.class, () -> gateway().chat(Calls.chat("nope")));

    assertEquals(404, refused.status());
    assertEquals(List.of(), calls);
  }

  @Test
  void embeddingsOnAProviderWithoutThemAreABadRequest() {
    adapters.put("primary", answering("primary", null));
    EmbeddingCall call =
        new EmbeddingCall(
            Calls.chat("embedder").exchange(),
            new EmbeddingRequest("embedder", List.of("text"), null, null, null),
            new RequestOptions(List.of(), null, null, null, null, false));

    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> gateway().embed(call).toCompletableFuture().get());

    assertEquals(400, assertInstanceOf(RequestRefusedException.class, e.getCause()).status());
  }
}
