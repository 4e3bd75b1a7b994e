package ai.hyperion.routing.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import ai.hyperion.routing.resilience.UpstreamKeyPool.PooledKey;
import ai.hyperion.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpstreamKeyPoolTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final UpstreamKeyPool pool =
      new UpstreamKeyPool(
          "openai",
          List.of(
              new Secret("sk-key-zero-0000000000"),
              new Secret(""),
              new Secret("sk-key-two-22222222222")),
          clock);

  @Test
  void aResponseTeachesTheHeadroomOfTheKeyItsRequestCarried() {
    Map<String, String> limits =
        Map.of("x-ratelimit-remaining-requests", "10", "x-ratelimit-limit-requests", "100");
    pool.observeResponse(
        HttpHeaders.of(
            Map.of("Authorization", List.of("Bearer sk-key-two-22222222222")), (a, b) -> true),
        URI.create("https://api.openai.com/v1/chat/completions"),
        name -> Optional.ofNullable(limits.get(name)));

    assertEquals(1.0, pool.snapshot().get(0).headroom(), "the other key is untouched");
    assertEquals(0.1, pool.snapshot().get(1).headroom(), 1e-9);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, pool.acquire(null).orElseThrow().index(), "the key with headroom first");
    }

    pool.observeResponse(
        HttpHeaders.of(Map.of(), (a, b) -> true),
        URI.create(
            "https://generativelanguage.googleapis.com/v1beta/models/x?key=sk-key-zero-0000000000"),
        name ->
            Optional.of("0")
                .filter(v -> name.startsWith("x-ratelimit-remaining"))
                .or(() -> Optional.of("100").filter(v -> name.startsWith("x-ratelimit-limit"))));
    assertEquals(0.0, pool.snapshot().get(0).headroom(), 1e-9, "a key in the query counts too");
  }

  @Test
  void takesTheKeyWithTheFewestCallsInFlightAndLeavesOutBlankKeys() {
    PooledKey first = pool.acquire(null).orElseThrow();
    PooledKey second = pool.acquire(null).orElseThrow();
    assertTrue(first.index() != second.index());
    assertEquals(2, pool.snapshot().size(), "the blank key is not in the pool");
    pool.release(first);
    assertEquals(first.index(), pool.acquire(null).orElseThrow().index());
  }

  @Test
  void aKeyWithLittleRateLimitLeftGetsFewerCalls() {
    PooledKey zero = pool.acquire(0).orElseThrow();
    pool.observe(
        zero,
        h ->
            Optional.ofNullable(
                Map.of("x-ratelimit-limit-requests", "100", "x-ratelimit-remaining-requests", "5")
                    .get(h)));
    pool.release(zero);
    int onZero = 0;
    for (int i = 0; i < 10; i++) {
      if (pool.acquire(null).orElseThrow().index() == 0) {
        onZero++;
      }
    }
    assertTrue(onZero <= 1, "the nearly exhausted key took " + onZero + " of 10");
  }

  @Test
  void a429CoolsTheKeyForTheTimeTheUpstreamSaid() {
    PooledKey zero = pool.acquire(0).orElseThrow();
    pool.release(zero);
    pool.rateLimited(zero, Duration.ofSeconds(20));
    for (int i = 0; i < 5; i++) {
      PooledKey k = pool.acquire(0).orElseThrow();
      assertEquals(2, k.index(), "key 0 is cooling");
      pool.release(k);
    }
    assertNotNull(pool.snapshot().get(0).coolingUntil());
    clock.advance(Duration.ofSeconds(20));
    assertEquals(0, pool.acquire(0).orElseThrow().index());
    assertNull(pool.snapshot().get(0).coolingUntil());
  }

  @Test
  void a401TakesTheKeyOutAndReportsItMasked() {
    PooledKey two = pool.acquire(2).orElseThrow();
    pool.release(two);
    pool.rejected(two, "Incorrect API key provided");
    for (int i = 0; i < 5; i++) {
      PooledKey k = pool.acquire(2).orElseThrow();
      assertEquals(0, k.index());
      pool.release(k);
    }
    var health = pool.snapshot().get(1);
    assertEquals("Incorrect API key provided", health.removedReason());
    assertFalse(health.label().contains("two-2222"), health.label());
    pool.rejected(pool.acquire(0).orElseThrow(), "revoked");
    assertFalse(pool.hasUsableKey());
    assertTrue(pool.acquire(null).isEmpty());
    pool.reset();
    assertTrue(pool.hasUsableKey());
  }
}
