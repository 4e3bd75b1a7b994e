package ai.hyperion.routing.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.Secret;
import ai.hyperion.routing.resilience.UpstreamKeyPool.PooledKey;
import ai.hyperion.testing.MutableClock;
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
