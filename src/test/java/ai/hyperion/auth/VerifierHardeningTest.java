package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.testing.MutableClock;
import ai.hyperion.testing.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Security review 2026-11-30, M1 and M10 (issue 8): a cached ACTIVE key is re-read from the
 * database after a bounded time, and refusing a stranger's token is cheap (no lookup for tokens of
 * no key's shape, unknown prefixes remembered locally, never written to the shared cache).
 */
class VerifierHardeningTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final KeyHasher hasher = new KeyHasher("test-pepper");
  private final InMemoryApiKeyCache cache = new InMemoryApiKeyCache();
  private final Map<String, KeyRecord> database = new ConcurrentHashMap<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final KeyRecordLoader loader =
      prefix -> {
        loads.incrementAndGet();
        return Optional.ofNullable(database.get(prefix));
      };

  private DatabaseApiKeyVerifier verifier(Optional<String> foreignPrefix) {
    return new DatabaseApiKeyVerifier(
        cache,
        loader,
        hasher,
        clock,
        new VerifierSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), 1000, foreignPrefix));
  }

  private PresentedKey store(KeyStatus status) {
    PresentedKey key = VirtualKeyFormat.generate();
    database.put(key.prefix(), record(key, status));
    return key;
  }

  private KeyRecord record(PresentedKey key, KeyStatus status) {
    return new KeyRecord(
        key.prefix(),
        status,
        hasher.hash(key.key()),
        KeyRecord.NEVER,
        Tenants.member("org", key.prefix(), Set.of("gpt-4o")));
  }

  @Test
  void aRevocationTheCacheNeverHeardOfTakesEffectWithinTheRecheckInterval() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    PresentedKey key = store(KeyStatus.ACTIVE);
    assertTrue(verifier.verify(key.key()).isPresent());

    // Revoked in the database, but the publication never arrived (a partition, a failed publish).
    database.put(key.prefix(), record(key, KeyStatus.REVOKED));
    clock.advance(Duration.ofSeconds(29));
    assertTrue(verifier.verify(key.key()).isPresent(), "trusted for the recheck interval");
    clock.advance(Duration.ofSeconds(1));
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> verifier.verify(key.key()));
    assertEquals("revoked_api_key", e.code());
    assertEquals(
        KeyStatus.REVOKED, cache.get(key.prefix()).status(), "published for the other members");
  }

  @Test
  void anActiveRecordCachedByAnotherMemberIsCheckedOnFirstUseHere() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    PresentedKey key = VirtualKeyFormat.generate();
    cache.publish(record(key, KeyStatus.ACTIVE));
    database.put(key.prefix(), record(key, KeyStatus.REVOKED));
    assertThrows(AuthenticationException.class, () -> verifier.verify(key.key()));
  }

  @Test
  void aRecheckIsOnePerIntervalNotOnePerRequest() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    PresentedKey key = store(KeyStatus.ACTIVE);
    for (int i = 0; i < 100; i++) {
      assertTrue(verifier.verify(key.key()).isPresent());
    }
    assertEquals(1, loads.get());
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 100; i++) {
      assertTrue(verifier.verify(key.key()).isPresent());
    }
    assertEquals(2, loads.get());
  }

  @Test
  void tokensOfNoKeysShapeCostNoLookup() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    assertTrue(verifier.verify("x".repeat(40)).isEmpty());
    assertTrue(verifier.verify("sk-proj-" + "a".repeat(48)).isEmpty());
    assertTrue(verifier.verify("hk-short").isEmpty());
    assertEquals(0, loads.get(), "no database query for a token that cannot be a key");
  }

  @Test
  void aConfiguredBootstrapKeyOfAnotherShapeIsStillLookedUp() {
    String bootstrap = "operators-own-bootstrap-key";
    PresentedKey parsed = VirtualKeyFormat.parse(bootstrap).orElseThrow();
    database.put(
        parsed.prefix(),
        new KeyRecord(
            parsed.prefix(),
            KeyStatus.ACTIVE,
            hasher.hash(bootstrap),
            KeyRecord.NEVER,
            Tenants.member("org", parsed.prefix(), Set.of())));
    DatabaseApiKeyVerifier verifier = verifier(Optional.of(parsed.prefix()));
    assertTrue(verifier.verify(bootstrap).isPresent());
    assertTrue(verifier.verify("some-other-token-of-that-shape").isEmpty());
    assertEquals(1, loads.get());
  }

  @Test
  void unknownPrefixesAreRememberedHereAndNeverWrittenToTheSharedCache() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    String guess = "hk-ZZZZZZZZ_" + "a".repeat(32);
    assertTrue(verifier.verify(guess).isEmpty());
    assertTrue(verifier.verify(guess).isEmpty());
    assertEquals(1, loads.get());
    assertNull(cache.get("ZZZZZZZZ"), "a guess takes no place in the shared cache");
    assertEquals(0, cache.publications());

    clock.advance(Duration.ofSeconds(10));
    assertTrue(verifier.verify(guess).isEmpty());
    assertEquals(2, loads.get(), "remembered briefly only");
  }

  @Test
  void aKeyCreatedAfterItsPrefixWasGuessedWorksAtOnce() {
    DatabaseApiKeyVerifier verifier = verifier(Optional.empty());
    PresentedKey key = VirtualKeyFormat.generate();
    assertTrue(verifier.verify(key.key()).isEmpty());
    database.put(key.prefix(), record(key, KeyStatus.ACTIVE));
    cache.publish(record(key, KeyStatus.ACTIVE));
    assertTrue(verifier.verify(key.key()).isPresent());
  }

  @Test
  void theNegativeCacheIsBounded() {
    UnknownPrefixes unknown = new UnknownPrefixes(10_000, 100, clock::millis);
    for (int i = 0; i < 1000; i++) {
      unknown.remember("p" + i);
    }
    assertEquals(100, unknown.size());
    clock.advance(Duration.ofSeconds(10));
    unknown.remember("fresh");
    assertTrue(unknown.contains("fresh"), "expired entries make room");
    assertEquals(1, unknown.size());
  }
}
