package ai.hyperion.cache;

import static ai.hyperion.cache.CacheTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.RequestOptions;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.StreamCollector;
import com.hazelcast.core.HazelcastInstance;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stage between the pipeline and the cache, on one embedded Hazelcast member: the query it
 * builds (catalog model after aliases, dedicated servers, smart routing), the outcome it records in
 * the Exchange, a hit as a complete answer or a replayed stream, and what its write-back keeps.
 */
class CacheStageTest {

  private static final String CATALOG =
      """
      providers:
        openai: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-test]}
      models:
        - id: gpt-4o
          provider: openai
          upstream-model: gpt-4o-2024-08-06
          aliases: [gpt-4o-latest]
          input-price: 2.50
          output-price: 10.00
        - {id: gpt-4o-mini, provider: openai}
      """;

  /** The exact tier only: an embedder that must never be asked. */
  private static final Embedder NO_EMBEDDER =
      new Embedder() {
        @Override
        public String id() {
          return "none";
        }

        @Override
        public CompletionStage<float[]> embed(String text) {
          return CompletableFuture.failedFuture(new RejectedExecutionException("not in this test"));
        }
      };

  private static HazelcastInstance member;
  private static ResponseCache cache;
  private static CacheStage stage;
  private String text;

  @BeforeAll
  static void start() {
    member = CacheTesting.member("stage-" + UUID.randomUUID(), CacheTesting.freePort(), List.of());
    CachePolicies policies = new CachePolicies(member, org -> CachePolicy.DEFAULT, Runnable::run);
    cache =
        new ResponseCache(
            member, policies, NO_EMBEDDER, CacheOptions.defaults(), Clock.systemUTC());
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
    stage = new CacheStage(cache, new ModelCatalog(config), Runnable::run);
  }

  @AfterAll
  static void stop() {
    cache.close();
    member.shutdown();
  }

  @BeforeEach
  void uniquePrompt() {
    text = "prompt " + UUID.randomUUID();
  }

  private ChatCall call(String model, boolean stream) {
    return Calls.chat(model, stream, List.of(), text);
  }

  private static ChatCall withOptions(ChatCall call, CacheMode mode, boolean smart) {
    return new ChatCall(
        call.exchange(),
        call.request(),
        new RequestOptions(List.of(), mode, null, null, null, smart),
        call.pinnedUpstream(),
        null);
  }

  private static CacheOutcome<ChatResult> lookup(ChatCall call) {
    return await(stage.lookup(call));
  }

  /** An upstream answer the router's attempt served, written back through the miss. */
  private static void answered(ChatCall call, CacheOutcome<ChatResult> outcome, ChatResult result) {
    call.exchange().servedBy("openai", "gpt-4o", RouteMode.PASSTHROUGH);
    assertInstanceOf(CacheOutcome.Miss.class, outcome);
    ((CacheOutcome.Miss<ChatResult>) outcome).writeBack().accept(result);
  }

  private static ChatResult.Complete complete(String text) {
    return new ChatResult.Complete(Calls.answer(text, new Usage(1000, 500)));
  }

  /** A call and what its lookup found. */
  private record Looked(ChatCall call, CacheOutcome<ChatResult> outcome) {}

  /** Lookups until a hit (write-backs complete asynchronously), for at most 10 s. */
  private Looked untilHit(String model, boolean stream) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    ChatCall call = call(model, stream);
    CacheOutcome<ChatResult> outcome = lookup(call);
    while (!(outcome instanceof CacheOutcome.Hit) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      call = call(model, stream);
      outcome = lookup(call);
    }
    return new Looked(call, outcome);
  }

  private CacheOutcome<ChatResult> hitFor(String model, boolean stream) throws Exception {
    return untilHit(model, stream).outcome();
  }

  @Test
  void aMissWritesBackAndAnAliasOfTheSameModelHits() throws Exception {
    ChatCall first = call("gpt-4o", false);
    CacheOutcome<ChatResult> miss = lookup(first);
    assertEquals(CacheStatus.MISS, first.exchange().cacheStatus());
    answered(first, miss, complete("cached words"));

    Looked looked = untilHit("gpt-4o-latest", false);
    ChatCall second = looked.call();
    CacheOutcome.Hit<ChatResult> hit = assertInstanceOf(CacheOutcome.Hit.class, looked.outcome());
    assertEquals(CacheStatus.HIT, second.exchange().cacheStatus());
    assertEquals("cache", second.exchange().provider());
    assertEquals("gpt-4o", second.exchange().servedModel());
    assertEquals(RouteMode.CACHE, second.exchange().routeMode());
    // 1000 prompt tokens at $2.50/M + 500 completion tokens at $10/M.
    assertEquals(0.0075, second.exchange().cacheSavedCostUsd(), 1e-9);
    assertTrue(second.exchange().servedFromCache());
    assertTrue(second.exchange().cacheDetail().startsWith("tier=l1; ttl="));
    assertEquals(second.exchange().cacheDetail(), hit.detail());
    ChatResponse answer = assertInstanceOf(ChatResult.Complete.class, hit.result()).response();
    assertEquals("cached words", answer.choices().get(0).message().text());
    assertEquals("gpt-4o", answer.model());
    assertEquals(1000, answer.usage().promptTokens(), "the answer keeps what it is worth");
    assertInstanceOf(CacheOutcome.Miss.class, lookup(call("gpt-4o-mini", false)));
  }

  @Test
  void aHitAskedAsAStreamIsReplayedAsEvents() throws Exception {
    ChatCall first = call("gpt-4o", false);
    answered(first, lookup(first), complete("a streamed replay of a cached answer"));

    CacheOutcome.Hit<ChatResult> hit =
        assertInstanceOf(CacheOutcome.Hit.class, hitFor("gpt-4o", true));
    ChatResult.Streaming streaming = assertInstanceOf(ChatResult.Streaming.class, hit.result());
    List<StreamEvent> events = StreamCollector.drain(streaming.events()).events();
    streaming.ending().delivered(false, null);

    assertInstanceOf(StreamEvent.Start.class, events.get(0));
    assertInstanceOf(StreamEvent.UsageReport.class, events.get(events.size() - 1));
    StringBuilder replayed = new StringBuilder();
    events.stream()
        .filter(StreamEvent.TextDelta.class::isInstance)
        .forEach(e -> replayed.append(((StreamEvent.TextDelta) e).text()));
    assertEquals("a streamed replay of a cached answer", replayed.toString());
    StreamEnd end = await(streaming.ending().ended());
    assertTrue(end.complete(), "a replay ends like a complete upstream stream");
  }

  @Test
  void aStreamIsWrittenBackOnlyWhenItEndedNormally() throws Exception {
    ChatCall cut = call("gpt-4o", true);
    Calls.ManualEnding cutEnding = new Calls.ManualEnding();
    answered(cut, lookup(cut), new ChatResult.Streaming(subscriber -> {}, cutEnding));
    ChatResponse partial = Calls.answer("half an ans", new Usage(3, 3));
    cutEnding.end(new StreamEnd(partial, null, new IllegalStateException("cut"), false, false));
    assertInstanceOf(CacheOutcome.Miss.class, lookup(call("gpt-4o", false)), "a cut stream");

    ChatCall whole = call("gpt-4o", true);
    Calls.ManualEnding ending = new Calls.ManualEnding();
    answered(whole, lookup(whole), new ChatResult.Streaming(subscriber -> {}, ending));
    assertInstanceOf(
        CacheOutcome.Miss.class, lookup(call("gpt-4o", false)), "nothing before the end");
    ChatResponse streamed = Calls.answer("the whole answer", null);
    ending.end(new StreamEnd(streamed, new Usage(10, 4), null, true, false));

    CacheOutcome.Hit<ChatResult> hit =
        assertInstanceOf(CacheOutcome.Hit.class, hitFor("gpt-4o", false));
    ChatResponse answer = ((ChatResult.Complete) hit.result()).response();
    assertEquals("the whole answer", answer.choices().get(0).message().text());
    assertEquals(4, answer.usage().completionTokens(), "the stream's usage is kept");
  }

  @Test
  void anAnswerAFallbackGaveIsNotWrittenBack() {
    ChatCall call = call("gpt-4o", false);
    CacheOutcome<ChatResult> miss = lookup(call);
    call.exchange().servedBy("backup", "gpt-4o-mini", RouteMode.FALLBACK);
    ((CacheOutcome.Miss<ChatResult>) miss).writeBack().accept(complete("from the fallback"));
    assertInstanceOf(CacheOutcome.Miss.class, lookup(call("gpt-4o", false)));
  }

  @Test
  void bypassAndRefreshAreRecordedAndOnlyRefreshWritesBack() throws Exception {
    ChatCall bypass = withOptions(call("gpt-4o", false), CacheMode.BYPASS, false);
    assertInstanceOf(CacheOutcome.Bypass.class, lookup(bypass));
    assertEquals(CacheStatus.BYPASS, bypass.exchange().cacheStatus());
    assertEquals("reason=bypass", bypass.exchange().cacheDetail());

    ChatCall refresh = withOptions(call("gpt-4o", false), CacheMode.REFRESH, false);
    CacheOutcome<ChatResult> outcome = lookup(refresh);
    assertEquals(CacheStatus.BYPASS, refresh.exchange().cacheStatus());
    assertEquals("reason=refresh", refresh.exchange().cacheDetail());
    answered(refresh, outcome, complete("refreshed"));
    assertInstanceOf(CacheOutcome.Hit.class, hitFor("gpt-4o", false));
  }

  @Test
  void cacheControlComesFromTheExchange() {
    ChatCall noStore = call("gpt-4o", false);
    noStore.exchange().cacheControl("no-store");
    assertInstanceOf(CacheOutcome.Bypass.class, lookup(noStore));
    assertEquals("reason=no-store", noStore.exchange().cacheDetail());

    ChatCall noCache = call("gpt-4o", false);
    noCache.exchange().cacheControl("no-cache");
    assertInstanceOf(CacheOutcome.Miss.class, lookup(noCache), "written back, not read");
    assertEquals(CacheStatus.BYPASS, noCache.exchange().cacheStatus());
  }

  @Test
  void theModelPartOfTheKey() {
    assertEquals("gpt-4o", stage.keyModel(call("gpt-4o-latest", false)));
    assertEquals("openai/o9", stage.keyModel(call("openai/o9", false)), "passed through");
    assertEquals(
        "gpt-4o+smart",
        stage.keyModel(withOptions(call("gpt-4o", false), CacheMode.DEFAULT, true)));
    ChatCall pinned =
        call("llama", false)
            .pinnedTo(new PinnedUpstream("endpt-1", URI.create("http://10.0.0.1/v1"), "llama-3"));
    assertEquals("dedicated:endpt-1:llama-3", stage.keyModel(pinned));
  }

  @Test
  void aCallWithoutATenantIsNotCached() {
    ChatCall call = call("gpt-4o", false);
    call.exchange().tenant(null);
    assertInstanceOf(CacheOutcome.Bypass.class, lookup(call));
    assertEquals(CacheStatus.BYPASS, call.exchange().cacheStatus());
  }
}
