package ai.hyperion.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.testing.Calls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The completion event mapped onto the request log's entry. */
class RequestLogObserverTest {

  private static final String CATALOG =
      """
      providers:
        primary: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-primary]}
      models:
        - {id: big, provider: primary, upstream-model: big-2025, input-price: 2.0,
            output-price: 8.0}
      """;

  private final RequestLogObserver observer =
      new RequestLogObserver(
          null,
          new ModelCatalog(
              new GatewayConfigLoader(name -> Optional.empty())
                  .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "t")));

  @Test
  void aServedRequestCarriesTenantRoutingStagesTokensCostAndBodies() {
    ChatCall call = Calls.chat("big", false, List.of(), "hello");
    Exchange exchange = call.exchange();
    exchange.clientAddress("10.1.2.3");
    exchange.prompt(call.request());
    exchange.requestedModel("big");
    exchange.record(Stage.AUTH, 2_000_000);
    exchange.record(Stage.UPSTREAM, 40_000_000);
    exchange.servedBy("primary", "big", RouteMode.FALLBACK);
    exchange.cache(CacheStatus.MISS, null);
    ChatResponse answer = Calls.answer("hi", new Usage(1000, 500));
    AttemptRecord attempt =
        new AttemptRecord("primary", "big", RouteMode.FALLBACK, 200, null, 40_000_000);

    RequestLogEntry entry =
        observer.entry(
            new RequestCompleted(
                exchange, 200, null, answer, answer.usage(), true, true, List.of(attempt)));

    assertEquals(exchange.requestId(), entry.requestId());
    assertEquals("org", entry.orgId());
    assertEquals("prefix00", entry.keyPrefix());
    assertEquals("fallback", entry.routeMode());
    assertEquals("miss", entry.cacheOutcome());
    assertEquals("general", entry.intent());
    assertEquals("primary", entry.provider());
    assertEquals((1000 * 2.0 + 500 * 8.0) / 1e6, entry.costUsd(), 1e-12);
    assertEquals(2.0, entry.stageMillis().get("auth"), 1e-9);
    assertEquals(40.0, entry.stageMillis().get("upstream"), 1e-9);
    assertTrue(entry.streamed() && entry.clientDisconnected());
    assertEquals(1, entry.attempts());
    assertEquals("10.1.2.3", entry.clientAddress());
    assertSame(call.request(), entry.prompt());
    assertSame(answer, entry.completion());
  }

  @Test
  void aFailureKeepsItsStatusAndCodeAndARequestWithoutTenantIsNotLogged() {
    ChatCall call = Calls.chat("big", false, List.of(), "hello");
    GatewayError error = GatewayError.of(ProviderException.timeout("primary"));
    RequestLogEntry entry =
        observer.entry(
            new RequestCompleted(
                call.exchange(), error.status(), error, null, null, false, false, List.of()));
    assertEquals(error.status(), entry.status());
    assertEquals("upstream_timeout", entry.errorCode());
    assertEquals(0, entry.costUsd());

    GatewayError codeless =
        new GatewayError(502, "upstream_error", null, null, "The upstream failed.", null);
    assertEquals(
        "upstream_error",
        observer
            .entry(
                new RequestCompleted(
                    call.exchange(), 502, codeless, null, null, false, false, List.of()))
            .errorCode());

    Exchange anonymous = new Exchange("/v1/chat/completions", false);
    assertNull(
        observer.entry(
            new RequestCompleted(anonymous, 401, error, null, null, false, false, List.of())));
  }
}
