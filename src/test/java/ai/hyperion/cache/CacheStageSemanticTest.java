package ai.hyperion.cache;

import static ai.hyperion.cache.CacheTesting.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.api.openai.OpenAiRequestReader;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.pipeline.CacheOutcome;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.Tenants;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.core.HazelcastInstance;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The semantic tier through the stage, with the real embedding model and requests read from OpenAI
 * JSON as the gateway reads them: a paraphrase in the same organisation is an L2 hit, the same
 * paraphrase in another organisation is not, and the lookup continues on the given executor (never
 * the embedder's thread).
 */
class CacheStageSemanticTest {

  private static final String CATALOG =
      """
      providers:
        openai: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-test]}
      models:
        - {id: gpt-4o, provider: openai}
      """;

  private static final CachePolicy SEMANTIC =
      new CachePolicy(true, true, CacheScope.ORG, 3600, 0.85, 10_000, false);

  private static HazelcastInstance member;
  private static MiniLmEmbedder embedder;
  private static GatedEmbedder gated;
  private static ResponseCache cache;
  private static CacheStage stage;
  private static ExecutorService continuation;

  @BeforeAll
  static void start() {
    member = CacheTesting.member("sem-" + UUID.randomUUID(), CacheTesting.freePort(), List.of());
    embedder = new MiniLmEmbedder(1, 16);
    gated = new GatedEmbedder(embedder);
    CachePolicies policies = new CachePolicies(member, org -> SEMANTIC, Runnable::run);
    cache = new ResponseCache(member, policies, gated, CacheOptions.defaults(), Clock.systemUTC());
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
    continuation =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "managed-continuation"));
    stage = new CacheStage(cache, new ModelCatalog(config), continuation);
  }

  @AfterAll
  static void stop() {
    cache.close();
    embedder.close();
    member.shutdown();
    continuation.shutdownNow();
  }

  private static ChatCall call(String org, String system, String user) {
    ObjectNode body = Json.object().put("model", "gpt-4o");
    body.putArray("messages")
        .add(Json.object().put("role", "system").put("content", system))
        .add(Json.object().put("role", "user").put("content", user));
    Exchange exchange = new Exchange("/v1/chat/completions", false);
    exchange.tenant(Tenants.member(org, "prefix00", Set.of()));
    return new ChatCall(
        exchange,
        OpenAiRequestReader.read(body, RequestOptionsReader.FIELDS),
        RequestOptionsReader.read(body));
  }

  @Test
  void aParaphraseIsAnL2HitInItsOrganisationOnly() throws Exception {
    String a = "org-" + UUID.randomUUID();
    String b = "org-" + UUID.randomUUID();
    String system = "You are the " + UUID.randomUUID() + " helpdesk.";
    ChatCall first = call(a, system, "How do I reset my password?");
    CacheOutcome<ChatResult> miss = await(stage.lookup(first));
    assertEquals(CacheStatus.MISS, first.exchange().cacheStatus());
    first.exchange().servedBy("openai", "gpt-4o", RouteMode.PASSTHROUGH);
    ((CacheOutcome.Miss<ChatResult>) miss)
        .writeBack()
        .accept(new ChatResult.Complete(Calls.answer("Use the link.", new Usage(5, 3))));

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (cache.indexedSemanticEntries() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(cache.indexedSemanticEntries() >= 1, "the entry is indexed");

    ChatCall other = call(b, system, "How can I reset my password?");
    assertInstanceOf(CacheOutcome.Miss.class, await(stage.lookup(other)));

    String[] thread = new String[1];
    ChatCall paraphrase = call(a, system, "How can I reset my password?");
    // Held until lookup returned: a lookup complete by then goes on on the caller's thread, and
    // this one is to show where one that was still waiting goes on.
    // The thread is read by a step attached before the gate opens, so that it runs where the
    // lookup completes, not on this thread when it completed first.
    CompletableFuture<Void> gate = gated.hold();
    CompletionStage<CacheOutcome<ChatResult>> pending =
        stage
            .lookup(paraphrase)
            .thenApply(
                found -> {
                  thread[0] = Thread.currentThread().getName();
                  return found;
                });
    gate.complete(null);
    CacheOutcome<ChatResult> outcome = await(pending);
    assertInstanceOf(CacheOutcome.Hit.class, outcome, paraphrase.exchange().cacheDetail());
    assertTrue(paraphrase.exchange().cacheDetail().startsWith("tier=l2; similarity=0.9"));
    assertEquals("managed-continuation", thread[0], "not the embedder's thread");
  }

  /** The model, whose answers wait for the gate of {@link #hold} while one is held. */
  private static final class GatedEmbedder implements Embedder {

    private final Embedder model;
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    GatedEmbedder(Embedder model) {
      this.model = model;
    }

    CompletableFuture<Void> hold() {
      gate = new CompletableFuture<>();
      return gate;
    }

    @Override
    public String id() {
      return model.id();
    }

    @Override
    public CompletionStage<float[]> embed(String text) {
      return model.embed(text).thenCombine(gate, (vector, open) -> vector);
    }
  }
}
