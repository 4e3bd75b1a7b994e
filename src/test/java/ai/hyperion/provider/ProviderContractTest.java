package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.error.ProviderException;
import ai.hyperion.routing.Adapters;
import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract, run over every adapter configuration the in-server tests use (gateway-it.yaml),
 * each built by the same {@link Adapters} factory the gateway uses and talking to the one fake
 * upstream that answers with each provider's recorded wire bytes: a chat, a stream and an upstream
 * error mean the same thing whichever provider is behind them.
 */
class ProviderContractTest {

  /**
   * An adapter configuration: the provider's name in gateway-it.yaml, the upstream model, the path
   * prefix its requests take, the header that carries its credential and the marker that makes the
   * fake upstream fail with a retryable status.
   */
  record Configuration(
      String provider, String model, String path, String credentialHeader, String failure) {

    @Override
    public String toString() {
      return provider;
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static FakeProviders upstream;
  private static GatewayConfig config;

  static Stream<Configuration> configurations() {
    return Stream.of(
        new Configuration("openai", "gpt-4o-mini", "/v1/", "authorization", "!429"),
        new Configuration(
            "claude", "claude-sonnet-4-5-20250929", "/anthropic/", "x-api-key", "!529"),
        new Configuration("google", "gemini-2.5-flash", "/gemini/", "x-goog-api-key", "!503"),
        new Configuration("vertex", "gemini-2.5-flash", "/vertex/", "authorization", "!503"),
        new Configuration(
            "aws",
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "/bedrock/",
            "authorization",
            "!throttle"));
  }

  @BeforeAll
  static void start() throws Exception {
    upstream = new FakeProviders(0);
    Map<String, String> env =
        Map.of(
            "IT_UPSTREAM_PORT",
            String.valueOf(upstream.port()),
            "IT_FIXTURES",
            Path.of("src/test/resources/fixtures").toAbsolutePath().toString());
    try (InputStream in = ProviderContractTest.class.getResourceAsStream("/gateway-it.yaml")) {
      config =
          new GatewayConfigLoader(name -> Optional.ofNullable(env.get(name)))
              .load(in, "gateway-it.yaml");
    }
  }

  @AfterAll
  static void stop() {
    upstream.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void answersAChatWithTextAFinishReasonAndUsage(Configuration c) throws Exception {
    String marker = "contract-" + UUID.randomUUID();

    ChatResponse response = await(adapter(c).chat(ask(c, marker), key(c)));

    ChatResponse.Choice choice = response.choices().get(0);
    assertFalse(choice.message().text().isBlank(), "an answer has text");
    assertNotNull(choice.finishReason(), "an answer says why it ended");
    assertTrue(response.usage().promptTokens() > 0, "usage is reported: " + response.usage());
    assertTrue(response.usage().completionTokens() > 0, "usage is reported: " + response.usage());
    FakeProviders.Seen seen = upstream.lastRequestContaining(marker);
    assertTrue(seen.path().startsWith(c.path()), seen.path());
    assertTrue(
        seen.headers().containsKey(c.credentialHeader()),
        "the credential travels in " + c.credentialHeader() + ": " + seen.headers().keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void streamsTextDeltasAndEndsWithOneFinish(Configuration c) throws Exception {
    String marker = "contract-" + UUID.randomUUID();

    Collected stream =
        StreamCollector.drain(await(adapter(c).stream(streamed(ask(c, marker)), key(c))));

    assertTrue(stream.finished(), "the stream completes normally: " + stream.failure());
    assertFalse(stream.text().isBlank(), "text arrives as deltas");
    assertEquals(1, stream.only(StreamEvent.Finish.class).size(), "exactly one finish event");
    List<StreamEvent.UsageReport> usage = stream.only(StreamEvent.UsageReport.class);
    assertFalse(usage.isEmpty(), "usage is reported at the end of a stream");
    assertTrue(usage.get(usage.size() - 1).usage().completionTokens() > 0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void aRetryableUpstreamFailureIsAProviderExceptionWithItsStatus(Configuration c) {
    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> await(adapter(c).chat(ask(c, c.failure()), key(c))));

    ProviderException e = assertInstanceOf(ProviderException.class, failed.getCause());
    assertTrue(e.retryable(), "a " + e.status() + " may be tried elsewhere");
    assertTrue(e.status() == 429 || e.status() >= 500, "status " + e.status());
  }

  private static Provider adapter(Configuration c) {
    return Adapters.create(settings(c), HTTP);
  }

  private static Secret key(Configuration c) {
    return settings(c).apiKeys().stream().findFirst().orElse(null);
  }

  private static ProviderSettings settings(Configuration c) {
    ProviderConfig provider = config.providers().get(c.provider());
    return Adapters.settings(c.provider(), provider, provider.baseUrl());
  }

  private static ChatRequest ask(Configuration c, String text) {
    return new ChatRequest(
        c.model(),
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

  private static ChatRequest streamed(ChatRequest r) {
    return new ChatRequest(
        r.model(),
        r.messages(),
        true,
        true,
        r.maxTokens(),
        null,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null,
        null);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
