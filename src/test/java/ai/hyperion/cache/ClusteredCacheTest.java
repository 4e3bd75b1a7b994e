package ai.hyperion.cache;

import static ai.hyperion.cache.CacheTesting.answer;
import static ai.hyperion.cache.CacheTesting.await;
import static ai.hyperion.cache.CacheTesting.chat;
import static ai.hyperion.cache.CacheTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.cache.LookupResult.Hit;
import ai.hyperion.cache.LookupResult.Miss;
import ai.hyperion.provider.ChatRequest;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two (then three) embedded Hazelcast members in one cluster, each with its own cache, as two
 * gateway instances run: what one caches, the others serve.
 */
class ClusteredCacheTest {

  private final List<AutoCloseable> open = new ArrayList<>();
  private final MiniLmEmbedder embedder = new MiniLmEmbedder(1, 16);
  private final String cluster = "cache-cluster-" + UUID.randomUUID();
  private final CachePolicy semanticOn =
      new CachePolicy(true, true, CacheScope.ORG, 3600, 0.85, 10_000, false);

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    embedder.close();
  }

  private ResponseCache instance(HazelcastInstance member) {
    open.add(0, member::shutdown);
    ResponseCache cache =
        new ResponseCache(
            member,
            new CachePolicies(member, org -> semanticOn, Runnable::run),
            embedder,
            CacheOptions.defaults(),
            Clock.systemUTC());
    open.add(0, cache);
    return cache;
  }

  private static void eventually(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 20 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void anAnswerCachedOnOneInstanceIsServedByTheOthers() throws InterruptedException {
    int portA = CacheTesting.freePort();
    int portB = CacheTesting.freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    HazelcastInstance memberA = CacheTesting.member(cluster, portA, members);
    HazelcastInstance memberB = CacheTesting.member(cluster, portB, members);
    ResponseCache a = instance(memberA);
    ResponseCache b = instance(memberB);
    eventually(() -> memberA.getCluster().getMembers().size() == 2, "the members join");

    String org = "org-" + UUID.randomUUID();
    ChatRequest request = chat("Be brief.", "How do I reset my password?");
    Miss miss = assertInstanceOf(Miss.class, await(a.lookup(query(org, request))));
    await(a.store(miss.ticket(), answer("Use the reset link."), 0.003));

    // B hears of A's write from its entry event; until then B misses.
    eventually(() -> await(b.lookup(query(org, request))) instanceof Hit, "B serves A's answer");
    Hit exact = assertInstanceOf(Hit.class, await(b.lookup(query(org, request))));
    assertEquals(CacheTier.L1, exact.tier());
    assertEquals("Use the reset link.", exact.response().choices().get(0).message().text());
    // Later hits on B are served by B's near-cache (no remote call) once Hazelcast has populated
    // it, which it does asynchronously after the first remote read.
    eventually(
        () -> {
          assertInstanceOf(Hit.class, await(b.lookup(query(org, request))));
          return memberB.getMap(CacheMaps.ANSWERS).getLocalMapStats().getNearCacheStats().getHits()
              >= 1;
        },
        "B's near-cache serves the answer");

    eventually(() -> b.indexedSemanticEntries() == 1, "B indexes A's semantic entry");
    Hit semantic =
        assertInstanceOf(
            Hit.class,
            await(b.lookup(query(org, chat("Be brief.", "How can I reset my password?")))));
    assertEquals(CacheTier.L2, semantic.tier());

    int portC = CacheTesting.freePort();
    HazelcastInstance memberC =
        CacheTesting.member(cluster, portC, List.of("127.0.0.1:" + portA, "127.0.0.1:" + portC));
    ResponseCache c = instance(memberC);
    assertEquals(1, c.indexedSemanticEntries(), "a new instance warms from the cluster");
    assertInstanceOf(
        Hit.class, await(c.lookup(query(org, chat("Be brief.", "How can I reset my password?")))));

    assertEquals(1, b.inventory().purge(org, null, null));
    eventually(
        () -> a.indexedSemanticEntries() == 0 && c.indexedSemanticEntries() == 0,
        "a purge empties every member's index");
    assertInstanceOf(Miss.class, await(a.lookup(query(org, request))));
  }

  @Test
  void aMemberAloneFollowsOnlyItsOwnWritesAndOthersOnceTheyJoin() throws InterruptedException {
    int portA = CacheTesting.freePort();
    int portB = CacheTesting.freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    HazelcastInstance memberA = CacheTesting.member(cluster, portA, members);
    ResponseCache a = instance(memberA);
    long now = System.currentTimeMillis();

    // Alone, A hears of no entry's arrival: an entry that did not come through A's own write-back
    // stays unheard of (no event for it was sent to A), while A's own writes are learned at once.
    assertFalse(a.keys().followsArrivals());
    memberA.<String, CachedAnswer>getMap(CacheMaps.ANSWERS).set("org|written-around", entry(now));
    String org = "org-" + UUID.randomUUID();
    ChatRequest request = chat(null, "What is a near cache?");
    Miss miss = assertInstanceOf(Miss.class, await(a.lookup(query(org, request))));
    await(a.store(miss.ticket(), answer("A local copy."), 0));
    assertTrue(a.keys().mayHold(miss.ticket().key(), now));
    Thread.sleep(500);
    assertFalse(a.keys().mayHold("org|written-around", now), "no arrival event reached A");

    HazelcastInstance memberB = CacheTesting.member(cluster, portB, members);
    instance(memberB);
    eventually(() -> a.keys().followsArrivals(), "A follows arrivals once B has joined");
    assertTrue(
        a.keys().mayHold("org|written-around", now), "what the map held is learned on joining");
    IMap<String, CachedAnswer> answersB = memberB.getMap(CacheMaps.ANSWERS);
    answersB.set("org|written-on-b", entry(now));
    eventually(() -> a.keys().mayHold("org|written-on-b", now), "A hears of B's write");

    memberB.shutdown();
    eventually(() -> !a.keys().followsArrivals(), "A stops following arrivals, alone again");
  }

  private static CachedAnswer entry(long now) {
    return new CachedAnswer("org", "org", "gpt-4o-mini", "gpt-4o-mini", now, 3600, 0, new byte[0]);
  }
}
