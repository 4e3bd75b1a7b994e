package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerRecorderTest {

  private static final String MODELS =
      """
      providers: {p: {type: openai, base-url: "http://127.0.0.1:9/v1"}}
      models:
        - {id: big, provider: p, input-price: 2.5, output-price: 10}
        - {id: small, provider: p, input-price: 0.15, output-price: 0.6}
        - {id: unpriced, provider: p}
      """;

  private final PriceBook prices = new PriceBook(load(MODELS));
  private final LedgerRecorder recorder =
      new LedgerRecorder(
          prices, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  private static RequestCompleted completed(
      Exchange exchange, int status, Usage usage, boolean streamed, boolean disconnected) {
    return new RequestCompleted(
        exchange, status, null, null, usage, streamed, disconnected, exchange.attempts());
  }

  @Test
  void aFallbackWritesOneRowPerAttemptAndChargesOnlyTheOneThatServedAtItsOwnPrice() {
    ChatCall call = Calls.chat("big");
    Exchange exchange = call.exchange();
    exchange.requestedModel("big");
    exchange.attempted(new AttemptRecord("p", "big", RouteMode.PASSTHROUGH, 500, "x", 1_000_000));
    exchange.attempted(new AttemptRecord("p", "small", RouteMode.FALLBACK, 200, null, 2_000_000));
    exchange.servedBy("p", "small", RouteMode.FALLBACK);
    Usage usage = new Usage(1_000, 500);

    List<LedgerEntry> rows = recorder.entries(completed(exchange, 200, usage, true, true));

    assertEquals(2, rows.size());
    LedgerEntry failed = rows.get(0);
    assertEquals(0, failed.attempt());
    assertEquals(500, failed.status());
    assertEquals(0, failed.promptTokens() + failed.completionTokens());
    assertEquals(0, failed.costNanos());
    assertEquals("passthrough", failed.routeMode());
    LedgerEntry served = rows.get(1);
    assertEquals(1, served.attempt());
    assertEquals("big", served.modelRequested());
    assertEquals("small", served.modelServed());
    assertEquals("fallback", served.routeMode());
    assertEquals(200, served.status());
    // 1,000 x 0.15 + 500 x 0.6 micro-dollars, at the fallback's own price.
    assertEquals(450_000, served.costNanos());
    assertEquals(0, served.cacheSavedNanos(), "only a hit saves");
    assertEquals(prices.priceOf("small").orElseThrow().costNanos(usage), served.costNanos());
    assertEquals(PriceSource.CATALOG, served.priceSource());
    assertTrue(served.streamed());
    assertTrue(served.disconnected());
    assertEquals("bypass", served.cacheOutcome());
    assertEquals(exchange.tenant().keyId(), served.keyId());
  }

  @Test
  void aServedModelWithoutAPriceIsChargedAtTheRequestedModelsPriceAndSaysSo() {
    Exchange exchange = Calls.chat("big").exchange();
    exchange.requestedModel("big");
    exchange.attempted(new AttemptRecord("p", "unpriced", RouteMode.FALLBACK, 200, null, 1));
    List<LedgerEntry> rows =
        recorder.entries(completed(exchange, 200, new Usage(100, 100), false, false));
    assertEquals(PriceSource.REQUESTED, rows.get(0).priceSource());
    assertEquals(1_250_000, rows.get(0).costNanos());
  }

  @Test
  void aCacheHitIsOneFreeRowRecordingItsSavingAndARefusalNone() {
    Exchange hit = Calls.chat("big").exchange();
    hit.requestedModel("big");
    hit.servedBy("p", "big", RouteMode.CACHE);
    hit.cache(CacheStatus.HIT, "tier=exact");
    hit.cacheSaving(0.0021);
    List<LedgerEntry> rows = recorder.entries(completed(hit, 200, new Usage(10, 10), false, false));
    assertEquals(1, rows.size());
    assertEquals(PriceSource.CACHE, rows.get(0).priceSource());
    assertEquals(0, rows.get(0).costNanos());
    assertEquals(2_100_000, rows.get(0).cacheSavedNanos(), "what the replayed answer cost");
    assertEquals("hit", rows.get(0).cacheOutcome());
    assertEquals("cache", rows.get(0).routeMode());

    Exchange refused = Calls.chat("big").exchange();
    assertEquals(0, recorder.entries(completed(refused, 429, null, false, false)).size());
  }

  private static GatewayConfig load(String yaml) {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "t");
  }
}
