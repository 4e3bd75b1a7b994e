package ai.hyperion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.routing.Adapters;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.StreamCollector;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call pinned to a dedicated endpoint's server, through the real router, registry, OpenAI adapter
 * and executor, against an OpenAI-compatible fake on 127.0.0.1.
 */
class PinnedCallTest {

  private final FakeProviders upstream = new FakeProviders(0);

  private final String catalog =
      """
      providers:
        backup: {type: openai, base-url: "http://127.0.0.1:%d/backup/v1", api-keys: [sk-backup]}
      models:
        - {id: small, provider: backup, upstream-model: small-2025}
      """
          .formatted(upstream.port());

  private final PinnedUpstream endpoint =
      new PinnedUpstream(
          "endpt-abc123def456",
          URI.create("http://127.0.0.1:" + upstream.port() + "/v1"),
          "acme/tiny-0.5b");

  @AfterEach
  void stopUpstream() {
    upstream.close();
  }

  private Gateway gateway() {
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(catalog.getBytes(StandardCharsets.UTF_8)), "test");
    HttpClient http = HttpClient.newHttpClient();
    return TestGateways.of(config, (settings, pool) -> Adapters.create(settings, http));
  }

  @Test
  void theEndpointsServerAnswersForItsModelAndSeesNoKey() throws Exception {
    ChatCall call = Calls.chat("sent-by-the-client").pinnedTo(endpoint);

    ChatResult.Complete answer =
        assertInstanceOf(
            ChatResult.Complete.class, gateway().chat(call).toCompletableFuture().get());

    assertEquals("acme/tiny-0.5b", answer.response().model());
    FakeProviders.Seen seen = upstream.lastRequestContaining("Say hello");
    assertEquals("/v1/chat/completions", seen.path());
    assertEquals("acme/tiny-0.5b", seen.body().path("model").asText());
    assertFalse(seen.headers().containsKey("authorization"), seen.headers().toString());
    assertEquals("endpt-abc123def456", call.exchange().provider());
    assertEquals("acme/tiny-0.5b", call.exchange().servedModel());
    assertEquals(RouteMode.DEDICATED, call.exchange().routeMode());
  }

  @Test
  void aStreamFromTheEndpointIsTappedLikeAnyOther() throws Exception {
    ChatCall call = Calls.chat("x", true, List.of()).pinnedTo(endpoint);

    ChatResult.Streaming streaming =
        assertInstanceOf(
            ChatResult.Streaming.class, gateway().chat(call).toCompletableFuture().get());
    List<StreamEvent> events = StreamCollector.drain(streaming.events()).events();
    streaming.ending().delivered(false, null);
    StreamEnd end = streaming.ending().ended().toCompletableFuture().get();

    assertTrue(events.stream().anyMatch(StreamEvent.TextDelta.class::isInstance), events::toString);
    assertTrue(end.complete());
    assertTrue(end.usage().totalTokens() > 0);
    assertEquals(RouteMode.DEDICATED, call.exchange().routeMode());
  }

  @Test
  void aFailingEndpointFailsTheCallUnlessTheRequestNamedAFallback() throws Exception {
    ChatCall alone = Calls.chat("m", false, List.of(), "!500 please").pinnedTo(endpoint);
    ExecutionException failed =
        assertThrows(
            ExecutionException.class, () -> gateway().chat(alone).toCompletableFuture().get());
    assertInstanceOf(ProviderException.class, failed.getCause());
    assertEquals(1, alone.exchange().attempts().size(), "no shared model was tried");

    ChatCall withFallback =
        Calls.chat("m", false, List.of("small"), "!500 again").pinnedTo(endpoint);
    gateway().chat(withFallback).toCompletableFuture().get();
    assertEquals(
        List.of(RouteMode.DEDICATED, RouteMode.FALLBACK),
        withFallback.exchange().attempts().stream().map(AttemptRecord::mode).toList());
    assertEquals("small", withFallback.exchange().servedModel());
    assertEquals(RouteMode.FALLBACK, withFallback.exchange().routeMode());
  }
}
