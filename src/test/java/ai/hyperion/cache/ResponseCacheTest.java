package ai.hyperion.cache;

import static ai.hyperion.cache.CacheTesting.answer;
import static ai.hyperion.cache.CacheTesting.await;
import static ai.hyperion.cache.CacheTesting.chat;
import static ai.hyperion.cache.CacheTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.cache.LookupResult.Bypass;
import ai.hyperion.cache.LookupResult.Hit;
import ai.hyperion.cache.LookupResult.Miss;
import ai.hyperion.cache.ResponseCache.StoreResult;
import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.testing.MutableClock;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapInterceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two tiers on one embedded Hazelcast member, with the real embedding model. */
class ResponseCacheTest {

  private static HazelcastInstance member;
  private static MiniLmEmbedder embedder;
  private static final Map<String, CachePolicy> SETTINGS = new ConcurrentHashMap<>();
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private static ResponseCache cache;
  private static CachePolicies policies;

  private String org;

  @BeforeAll
  static void start() {
    member = CacheTesting.member("cache-" + UUID.randomUUID(), CacheTesting.freePort(), List.of());
    embedder = new MiniLmEmbedder(1, 16);
    policies =
        new CachePolicies(
            member, org -> SETTINGS.getOrDefault(org, CachePolicy.DEFAULT), Runnable::run);
    cache = new ResponseCache(member, policies, embedder, CacheOptions.defaults(), CLOCK);
  }

  @AfterAll
  static void stop() {
    cache.close();
    embedder.close();
    member.shutdown();
  }

  @BeforeEach
  void freshOrg() {
    org = "org-" + UUID.randomUUID();
  }

  private void settings(String orgId, CachePolicy policy) {
    SETTINGS.put(orgId, policy);
    policies.publish(orgId, policy);
  }

  private static CachePolicy semanticPolicy() {
    return new CachePolicy(true, true, CacheScope.ORG, 3600, 0.85, 10_000, false);
  }

  private LookupResult missThenStore(String orgId, ChatRequest request, String text) {
    LookupResult first = await(cache.lookup(query(orgId, request)));
    assertInstanceOf(Miss.class, first);
    assertEquals(
        StoreResult.STORED,
        await(cache.store(first.writeBack().orElseThrow(), answer(text), 0.0021)));
    return first;
  }

  @Test
  void aStoredAnswerIsAnExactHitWithItsAgeTtlAndSaving() {
    ChatRequest request = chat("Be brief.", "What is the capital of France?");
    missThenStore(org, request, "Paris.");
    CLOCK.advance(Duration.ofSeconds(42));

    Hit hit = assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
    assertEquals("Paris.", hit.response().choices().get(0).message().text());
    assertEquals(CacheTier.L1, hit.tier());
    assertEquals(42, hit.ageSeconds());
    assertEquals(3600 - 42, hit.ttlSeconds());
    assertEquals("tier=l1; ttl=3558; age=42", hit.detail().orElseThrow());
    assertEquals("gpt-4o-mini-2024-07-18", hit.servedModel());
    assertEquals(0.0021, hit.savedCostUsd(), 1e-9);
    assertEquals(12, hit.response().usage().promptTokens());
    assertNotEquals("chatcmpl-upstream", hit.response().id());
    assertEquals("hit", hit.status());
  }

  @Test
  void anotherOrganisationNeverGetsTheEntry() {
    ChatRequest request = chat(null, "What is the capital of France?");
    missThenStore(org, request, "Paris.");
    String other = "org-" + UUID.randomUUID();
    assertInstanceOf(Miss.class, await(cache.lookup(query(other, request))));
    assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
  }

  @Test
  void aRephrasedQuestionIsASemanticHitInTheSameOrganisationOnly() {
    settings(org, semanticPolicy());
    String other = "org-" + UUID.randomUUID();
    settings(other, semanticPolicy());
    missThenStore(org, chat("Be brief.", "How do I reset my password?"), "Use the link.");

    ChatRequest rephrased = chat("Be brief.", "How can I reset my password?");
    Hit hit = assertInstanceOf(Hit.class, await(cache.lookup(query(org, rephrased))));
    assertEquals(CacheTier.L2, hit.tier());
    assertTrue(hit.similarity() >= 0.85, "similarity " + hit.similarity());
    assertTrue(hit.detail().orElseThrow().startsWith("tier=l2; similarity=0.9"));
    assertEquals("Use the link.", hit.response().choices().get(0).message().text());

    assertInstanceOf(Miss.class, await(cache.lookup(query(other, rephrased))));
  }

  /**
   * The in-server miss of a paraphrase: the write-back indexed the entry only after the cluster
   * held it, and the first vector a JVM indexes takes a second or more, so a paraphrase asked once
   * the entry was counted could still miss. The entry must be searchable here before the cluster
   * map takes it (checked by an interceptor on the map's put, which runs before the put is done).
   */
  @Test
  void aSemanticEntryIsSearchableHereBeforeTheClusterHoldsIt() {
    settings(org, semanticPolicy());
    IMap<String, SemanticEntry> shared = member.getMap(CacheMaps.SEMANTIC);
    String interceptor = shared.addInterceptor(new IndexedWhenPut());
    try {
      LookupResult first =
          missThenStore(org, chat("Be brief.", "How do I renew my badge?"), "At the desk.");
      String key = first.writeBack().orElseThrow().key();
      assertEquals(Boolean.TRUE, IndexedWhenPut.SEEN.get(key), "indexed when the put ran");
    } finally {
      shared.removeInterceptor(interceptor);
    }
    Hit hit =
        assertInstanceOf(
            Hit.class,
            await(cache.lookup(query(org, chat("Be brief.", "How can I renew my badge?")))));
    assertEquals(CacheTier.L2, hit.tier());
  }

  /** Records, for each semantic entry put, whether this member had indexed it already. */
  static final class IndexedWhenPut implements MapInterceptor {
    private static final long serialVersionUID = 1L;
    static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();

    @Override
    public Object interceptPut(Object oldValue, Object newValue) {
      if (newValue instanceof SemanticEntry entry) {
        SEEN.put(entry.key(), cache.indexesSemantic(entry.key()));
      }
      return null;
    }

    @Override
    public Object interceptGet(Object value) {
      return null;
    }

    @Override
    public void afterGet(Object value) {}

    @Override
    public void afterPut(Object value) {}

    @Override
    public Object interceptRemove(Object removedValue) {
      return null;
    }

    @Override
    public void afterRemove(Object value) {}
  }

  @Test
  void theSemanticTierRequiresTheSameConversationAndAgreeingDetails() {
    settings(org, semanticPolicy());
    missThenStore(org, chat("Be brief.", "What is 15% of 80?"), "12");
    assertInstanceOf(
        Miss.class, await(cache.lookup(query(org, chat("Be verbose.", "Calculate 15% of 80.")))));
    assertInstanceOf(
        Miss.class, await(cache.lookup(query(org, chat("Be brief.", "What is 15% of 90?")))));
    assertInstanceOf(
        Hit.class, await(cache.lookup(query(org, chat("Be brief.", "What's 15% of 80?")))));
  }

  @Test
  void theSemanticTierIsOffByDefaultAndOnPerRequest() {
    missThenStore(org, chat(null, "How do I reset my password?"), "Use the link.");
    ChatRequest rephrased = chat(null, "How can I reset my password?");
    assertInstanceOf(Miss.class, await(cache.lookup(query(org, rephrased))));
    // Written without the semantic tier, so nothing to find yet: store once more with it on.
    LookupResult onRequest = await(cache.lookup(query(org, rephrased, null, null, true, null)));
    Miss miss = assertInstanceOf(Miss.class, onRequest);
    await(cache.store(miss.ticket(), answer("Use the link."), 0.001));
    assertInstanceOf(
        Hit.class,
        await(
            cache.lookup(
                query(org, chat(null, "How do I reset my password?"), null, null, true, null))));
  }

  @Test
  void anEntryExpiresAfterItsTtl() {
    ChatRequest request = chat(null, "Tell me a joke.");
    LookupResult first = await(cache.lookup(query(org, request, null, 60, null, null)));
    await(cache.store(first.writeBack().orElseThrow(), answer("Knock knock."), 0));
    CLOCK.advance(Duration.ofSeconds(59));
    assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
    CLOCK.advance(Duration.ofSeconds(2));
    assertInstanceOf(Miss.class, await(cache.lookup(query(org, request))));
  }

  @Test
  void hazelcastDropsAnExpiredEntry() throws InterruptedException {
    ChatRequest request = chat(null, "Tell me a short joke.");
    LookupResult first = await(cache.lookup(query(org, request, null, 1, null, null)));
    String key = first.writeBack().orElseThrow().key();
    // Stored with a 1 s TTL; asserting its presence afterwards would race the TTL on a busy
    // machine.
    assertEquals(
        StoreResult.STORED,
        await(cache.store(first.writeBack().orElseThrow(), answer("Knock knock."), 0)));
    CLOCK.advance(Duration.ofSeconds(2)); // this clock agrees with Hazelcast's on the TTL
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (member.getMap(CacheMaps.ANSWERS).containsKey(key) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertFalse(member.getMap(CacheMaps.ANSWERS).containsKey(key));
    eventually(
        () -> !cache.keys().mayHold(key, Long.MIN_VALUE), "the expired key is forgotten, too");
  }

  @Test
  void theWriteBackAfterAnExpiredEntryIsServedWhateverItsExpiryEventArrivesAfter()
      throws InterruptedException {
    // Two rounds: Hazelcast's expiry task, every few seconds, may remove a round's entries before
    // the write-backs, and then no expiry event comes after them.
    for (int round = 0; round < 2; round++) {
      int r = round;
      List<ChatRequest> requests =
          IntStream.range(0, 5).mapToObj(i -> chat(null, "Joke " + r + "." + i + "?")).toList();
      for (ChatRequest request : requests) {
        LookupResult first = await(cache.lookup(query(org, request, null, 1, null, null)));
        await(cache.store(first.writeBack().orElseThrow(), answer("Knock knock."), 0));
      }
      CLOCK.advance(Duration.ofSeconds(2));
      Thread.sleep(1_100); // past the entries' TTL for Hazelcast too
      // Each miss's write-back overwrites an expired entry, whose expiry event comes after it.
      for (ChatRequest request : requests) {
        missThenStore(org, request, "Knock knock, again.");
      }
      Thread.sleep(500);
      for (ChatRequest request : requests) {
        assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
      }
    }
  }

  @Test
  void aPromptNeverStoredMissesOnTheCallingThreadWithoutReadingTheMap() {
    IMap<String, CachedAnswer> answers = member.getMap(CacheMaps.ANSWERS);
    ChatRequest request = chat(null, "A question nobody asked before?");
    long reads = answers.getLocalMapStats().getGetOperationCount();

    CompletableFuture<LookupResult> first = cache.lookup(query(org, request)).toCompletableFuture();
    assertTrue(first.isDone(), "answered before lookup returned");
    Miss miss = assertInstanceOf(Miss.class, first.join());
    int more = 5;
    for (int i = 0; i < more; i++) {
      LookupResult other =
          cache
              .lookup(query(org, chat(null, "Nobody asked this either, " + i)))
              .toCompletableFuture()
              .join();
      assertInstanceOf(Miss.class, other);
    }
    // The member counts every get, a late one of an earlier test's too: a read per lookup would
    // add six, a stray one does not fail this.
    long readsSince = answers.getLocalMapStats().getGetOperationCount() - reads;
    assertTrue(readsSince < 1 + more, "the map was not read for each lookup: " + readsSince);

    await(cache.store(miss.ticket(), answer("Yes."), 0));
    assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))), "a write is seen here");
  }

  @Test
  void aKeyIsForgottenHoweverItsEntryLeavesTheMap() {
    IMap<String, CachedAnswer> answers = member.getMap(CacheMaps.ANSWERS);
    String deleted = storedKey(org, "Deleted?");
    String evicted = storedKey(org, "Evicted?");
    String purgedOrg = "org-" + UUID.randomUUID();
    String purged = storedKey(purgedOrg, "Purged?");
    String kept = storedKey(org, "Kept?");

    answers.delete(deleted);
    answers.evict(evicted);
    assertEquals(1, cache.inventory().purge(purgedOrg, null, null));
    eventually(
        () -> Stream.of(deleted, evicted, purged).noneMatch(this::heardOf),
        "deleted, evicted and purged keys are forgotten");
    assertTrue(heardOf(kept));

    answers.clear();
    eventually(() -> !heardOf(kept), "a cleared map leaves no key");
  }

  private String storedKey(String orgId, String prompt) {
    return missThenStore(orgId, chat(null, prompt), "Yes.").writeBack().orElseThrow().key();
  }

  private boolean heardOf(String key) {
    return cache.keys().mayHold(key, CLOCK.millis());
  }

  private static void eventually(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 15 s: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  @Test
  void aRequestTtlAlsoBoundsTheAgeItAccepts() {
    ChatRequest request = chat(null, "Name a colour.");
    missThenStore(org, request, "Blue.");
    CLOCK.advance(Duration.ofSeconds(100));
    assertInstanceOf(Miss.class, await(cache.lookup(query(org, request, null, 50, null, null))));
    assertInstanceOf(
        Miss.class, await(cache.lookup(query(org, request, null, null, null, "max-age=60"))));
    assertInstanceOf(Hit.class, await(cache.lookup(query(org, request, null, 500, null, null))));
  }

  @Test
  void bypassRefreshNoStoreAndNoCache() {
    ChatRequest request = chat(null, "What is 2 + 2?");
    missThenStore(org, request, "4");

    Bypass bypass =
        assertInstanceOf(
            Bypass.class,
            await(cache.lookup(query(org, request, CacheMode.BYPASS, null, null, null))));
    assertTrue(bypass.writeBack().isEmpty());
    Bypass noStore =
        assertInstanceOf(
            Bypass.class, await(cache.lookup(query(org, request, null, null, null, "no-store"))));
    assertEquals("reason=no-store", noStore.detail().orElseThrow());
    assertTrue(noStore.writeBack().isEmpty());

    Bypass refresh =
        assertInstanceOf(
            Bypass.class,
            await(cache.lookup(query(org, request, CacheMode.REFRESH, null, null, null))));
    await(cache.store(refresh.writeBack().orElseThrow(), answer("Four."), 0));
    Hit hit = assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
    assertEquals("Four.", hit.response().choices().get(0).message().text());

    Bypass noCache =
        assertInstanceOf(
            Bypass.class,
            await(cache.lookup(query(org, request, null, null, null, "No-Cache, max-age=0"))));
    await(cache.store(noCache.writeBack().orElseThrow(), answer("4!"), 0));
    hit = assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
    assertEquals("4!", hit.response().choices().get(0).message().text());
  }

  @Test
  void onlyCompleteSuccessfulAnswersAreStoredAndToolCallsOnlyWhenAllowed() {
    ChatRequest request = chat(null, "What is the weather in Paris?");
    WriteBack ticket = await(cache.lookup(query(org, request))).writeBack().orElseThrow();
    assertEquals(
        StoreResult.NOT_CACHEABLE,
        await(cache.store(ticket, answer("...", FinishReason.CONTENT_FILTER), 0)));
    assertEquals(StoreResult.NOT_CACHEABLE, await(cache.store(ticket, answer("...", null), 0)));
    assertEquals(
        StoreResult.NOT_CACHEABLE, await(cache.store(ticket, CacheTesting.toolCallAnswer(), 0)));
    assertInstanceOf(Miss.class, await(cache.lookup(query(org, request))));

    settings(org, new CachePolicy(true, false, CacheScope.ORG, 3600, 0.85, 100, true));
    WriteBack allowed = await(cache.lookup(query(org, request))).writeBack().orElseThrow();
    assertEquals(StoreResult.STORED, await(cache.store(allowed, CacheTesting.toolCallAnswer(), 0)));
    Hit hit = assertInstanceOf(Hit.class, await(cache.lookup(query(org, request))));
    assertEquals("weather", hit.response().choices().get(0).message().toolCalls().get(0).name());
  }

  @Test
  void scopesDecideWhoShares() {
    ChatRequest request = chat(null, "Summarise our refund policy.");
    settings(org, new CachePolicy(true, false, CacheScope.KEY, 3600, 0.85, 100, false));
    LookupResult first = await(cache.lookup(query(org, request)));
    await(cache.store(first.writeBack().orElseThrow(), answer("30 days."), 0));
    CacheQuery otherKey =
        new CacheQuery(org, "team-1", "key-2", "gpt-4o-mini", request, null, null, null, null);
    assertInstanceOf(Miss.class, await(cache.lookup(otherKey)));

    settings(org, new CachePolicy(true, false, CacheScope.TEAM, 3600, 0.85, 100, false));
    first = await(cache.lookup(query(org, request)));
    await(cache.store(first.writeBack().orElseThrow(), answer("30 days."), 0));
    assertInstanceOf(Hit.class, await(cache.lookup(otherKey)));
    CacheQuery otherTeam =
        new CacheQuery(org, "team-2", "key-3", "gpt-4o-mini", request, null, null, null, null);
    assertInstanceOf(Miss.class, await(cache.lookup(otherTeam)));

    String other = "org-" + UUID.randomUUID();
    CachePolicy global = new CachePolicy(true, false, CacheScope.GLOBAL, 3600, 0.85, 100, false);
    settings(org, global);
    settings(other, global);
    first = await(cache.lookup(query(org, request)));
    await(cache.store(first.writeBack().orElseThrow(), answer("30 days."), 0));
    assertInstanceOf(Hit.class, await(cache.lookup(query(other, request))));
  }

  @Test
  void statisticsPurgesAndTheEntryLimit() {
    ChatRequest a = chat(null, "Question A?");
    missThenStore(org, a, "A.");
    await(cache.lookup(query(org, a)));
    await(cache.lookup(query(org, a)));
    cache.flushStats();
    CacheCounters counters = cache.stats().counters(org);
    assertEquals(2, counters.exactHits());
    assertEquals(1, counters.exactMisses());
    assertEquals(4200, counters.exactSavedMicroUsd());
    assertEquals(1, cache.inventory().exactEntries(org));
    assertTrue(cache.inventory().exactBytes(org) > 0);

    for (int i = 0; i < 4; i++) {
      CLOCK.advance(Duration.ofSeconds(10));
      missThenStore(org, chat(null, "Question " + i + "?"), "Answer " + i);
    }
    assertEquals(5, cache.inventory().exactEntries(org));
    assertEquals(2, cache.inventory().trim(org, 3));
    assertEquals(3, cache.inventory().exactEntries(org));
    assertInstanceOf(Miss.class, await(cache.lookup(query(org, a))), "the oldest went first");

    assertEquals(0, cache.inventory().purge(org, "other-model", null));
    assertEquals(1, cache.inventory().purge(org, "gpt-4o-mini", 15L));
    assertEquals(2, cache.inventory().purge(org, null, null));
    assertEquals(0, cache.inventory().exactEntries(org));
  }

  @Test
  void anOrganisationOverItsLimitIsTrimmedOldestFirstToNineTenthsOfIt() throws Exception {
    String busy = "org-busy-" + System.nanoTime();
    for (int i = 0; i < 12; i++) {
      CLOCK.advance(Duration.ofSeconds(1));
      missThenStore(busy, chat(null, "Busy question " + i + "?"), "Answer " + i);
    }
    // Each write checked the organisation's (default) limit: past the check interval, a lower one.
    cache.awaitMaintenance();
    CLOCK.advance(Duration.ofMillis(CacheInventory.QUOTA_CHECK_MILLIS + 1));
    cache.inventory().enforceLimit(busy, 10);
    assertEquals(9, cache.inventory().exactEntries(busy));
    assertInstanceOf(
        Miss.class,
        await(cache.lookup(query(busy, chat(null, "Busy question 2?")))),
        "the three oldest went");
    assertInstanceOf(
        Hit.class, await(cache.lookup(query(busy, chat(null, "Busy question 3?")))), "kept");
  }

  @Test
  void anOrganisationStillAtItsLimitIsTrimmedAgainWithoutBeingCountedFirst() throws Exception {
    String busy = "org-at-limit-" + System.nanoTime();
    IMap<String, CachedAnswer> answers = member.getMap(CacheMaps.ANSWERS);
    for (int i = 0; i < 12; i++) {
      CLOCK.advance(Duration.ofSeconds(1));
      missThenStore(busy, chat(null, "At-limit question " + i + "?"), "Answer " + i);
    }
    // The checks the writes started run first, at their own time, outside the measured window.
    cache.awaitMaintenance();
    CLOCK.advance(Duration.ofMillis(CacheInventory.QUOTA_CHECK_MILLIS + 1));
    long before = answers.getLocalMapStats().getQueryCount();
    cache.inventory().enforceLimit(busy, 10);
    long firstCheck = answers.getLocalMapStats().getQueryCount() - before;
    assertEquals(9, cache.inventory().exactEntries(busy));

    for (int i = 12; i < 15; i++) {
      CLOCK.advance(Duration.ofSeconds(1));
      missThenStore(busy, chat(null, "At-limit question " + i + "?"), "Answer " + i);
    }
    cache.awaitMaintenance();
    CLOCK.advance(Duration.ofMillis(CacheInventory.QUOTA_CHECK_MILLIS + 1));
    before = answers.getLocalMapStats().getQueryCount();
    cache.inventory().enforceLimit(busy, 10);
    long secondCheck = answers.getLocalMapStats().getQueryCount() - before;

    assertEquals(9, cache.inventory().exactEntries(busy));
    assertInstanceOf(
        Miss.class,
        await(cache.lookup(query(busy, chat(null, "At-limit question 5?")))),
        "the oldest went again");
    assertInstanceOf(
        Hit.class, await(cache.lookup(query(busy, chat(null, "At-limit question 6?")))), "kept");
    // Each scan of the organisation's entries is a query: the count, the ages, the removal.
    assertEquals(3, firstCheck, "counted, its entries' ages read, the oldest removed");
    assertEquals(2, secondCheck, "trimmed last time: no count first");
  }
}
