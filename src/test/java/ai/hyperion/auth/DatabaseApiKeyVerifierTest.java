package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.testing.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseApiKeyVerifierTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private final KeyHasher hasher = new KeyHasher("test-pepper");
  private final InMemoryApiKeyCache cache = new InMemoryApiKeyCache();
  private final Map<String, KeyRecord> database = new HashMap<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final KeyRecordLoader loader =
      prefix -> {
        loads.incrementAndGet();
        return Optional.ofNullable(database.get(prefix));
      };
  private final DatabaseApiKeyVerifier verifier =
      new DatabaseApiKeyVerifier(cache, loader, hasher, Clock.fixed(NOW, ZoneOffset.UTC));

  private PresentedKey store(KeyStatus status, long expiresAt) {
    PresentedKey key = VirtualKeyFormat.generate();
    TenantContext tenant = Tenants.member("org", key.prefix(), Set.of("gpt-4o"));
    database.put(
        key.prefix(),
        new KeyRecord(key.prefix(), status, hasher.hash(key.key()), expiresAt, tenant));
    return key;
  }

  @Test
  void anActiveKeyResolvesToItsTenantAndIsThenServedFromTheCache() {
    PresentedKey key = store(KeyStatus.ACTIVE, KeyRecord.NEVER);
    TenantContext first = verifier.verify(key.key()).orElseThrow();
    TenantContext second = verifier.verify(key.key()).orElseThrow();
    assertEquals("org", first.orgId());
    assertTrue(first.mayUse("gpt-4o"));
    assertSame(first, second);
    assertEquals(1, loads.get());
  }

  @Test
  void aWrongSecretForAKnownPrefixIsUnknown() {
    PresentedKey key = store(KeyStatus.ACTIVE, KeyRecord.NEVER);
    String forged = key.key().substring(0, 12) + "x".repeat(32);
    assertTrue(verifier.verify(forged).isEmpty());
  }

  @Test
  void aWrongSecretDoesNotRevealThatTheKeyIsRevoked() {
    PresentedKey key = store(KeyStatus.REVOKED, KeyRecord.NEVER);
    String forged = key.key().substring(0, 12) + "y".repeat(32);
    assertTrue(verifier.verify(forged).isEmpty());
  }

  @Test
  void unknownPrefixesAreRememberedSoGuessesCostOneLoad() {
    String guess = "hk-ZZZZZZZZ_" + "a".repeat(32);
    assertTrue(verifier.verify(guess).isEmpty());
    assertTrue(verifier.verify(guess).isEmpty());
    assertEquals(1, loads.get());
  }

  @Test
  void malformedKeysNeverReachTheDatabase() {
    assertTrue(verifier.verify("sk-not-ours").isEmpty());
    assertTrue(verifier.verify("").isEmpty());
    assertTrue(verifier.verify(null).isEmpty());
    assertEquals(0, loads.get());
  }

  @Test
  void aRevokedKeyIsRefusedWithItsOwnCode() {
    PresentedKey key = store(KeyStatus.REVOKED, KeyRecord.NEVER);
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> verifier.verify(key.key()));
    assertEquals("revoked_api_key", e.code());
  }

  @Test
  void anExpiredKeyIsRefusedAtItsExpiryInstant() {
    PresentedKey expired = store(KeyStatus.ACTIVE, NOW.toEpochMilli());
    PresentedKey valid = store(KeyStatus.ACTIVE, NOW.toEpochMilli() + 1);
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> verifier.verify(expired.key()));
    assertEquals("expired_api_key", e.code());
    assertTrue(e.getMessage().contains("2030-01-01T00:00:00Z"));
    assertTrue(verifier.verify(valid.key()).isPresent());
  }

  @Test
  void aPublishedRevocationIsSeenOnTheNextRequestWithoutALoad() {
    PresentedKey key = store(KeyStatus.ACTIVE, KeyRecord.NEVER);
    TenantContext tenant = verifier.verify(key.key()).orElseThrow();
    cache.publish(
        new KeyRecord(
            key.prefix(), KeyStatus.REVOKED, hasher.hash(key.key()), KeyRecord.NEVER, tenant));
    assertThrows(AuthenticationException.class, () -> verifier.verify(key.key()));
    assertEquals(1, loads.get());
  }
}
