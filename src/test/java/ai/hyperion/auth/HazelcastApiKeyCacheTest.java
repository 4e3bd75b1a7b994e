package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import ai.hyperion.error.AuthenticationException;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HazelcastApiKeyCacheTest {

  private final KeyHasher hasher = new KeyHasher("test-pepper");
  private HazelcastInstance a;
  private HazelcastInstance b;

  @AfterEach
  void stopMembers() {
    if (a != null) {
      a.shutdown();
    }
    if (b != null) {
      b.shutdown();
    }
  }

  private static HazelcastInstance member(String cluster, int port, List<String> members) {
    ClusterSettings settings = new ClusterSettings(cluster, "127.0.0.1", port, false, members);
    return Hazelcast.newHazelcastInstance(
        ApiKeyCacheConfig.apply(HazelcastConfigs.member(settings)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static TenantContext richTenant(String prefix) {
    return new TenantContext(
        "org-1",
        null,
        "user-1",
        "key-1",
        prefix,
        AllowList.of(Set.of("gpt-4o", "claude-haiku-4-5")),
        new AllowList(true, Set.of()),
        true,
        true,
        Map.of("env", "prod", "owner", "ml"),
        Set.of("batch"),
        new TenantLimits(
            new Limits(60, 10_000, 4, "budget-key"),
            Limits.NONE,
            new Limits(null, 50_000, null, null),
            new Limits(1_000, null, null, "budget-org")),
        UserRole.TEAM_ADMIN);
  }

  @Test
  void recordsSurviveTheCompactRoundTripWithEveryField() throws IOException {
    a = member("round-trip-" + System.nanoTime(), freePort(), List.of());
    HazelcastApiKeyCache cache = new HazelcastApiKeyCache(a);
    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    KeyRecord record =
        new KeyRecord(
            key.prefix(),
            KeyStatus.ACTIVE,
            hasher.hash(key.key()),
            1234L,
            richTenant(key.prefix()));
    cache.publish(record);
    // Read the stored form, bypassing the near-cache.
    KeyRecord read =
        (KeyRecord) a.getMap(ApiKeyCacheConfig.MAP_NAME).getEntryView(key.prefix()).getValue();
    assertEquals(record.tenant(), read.tenant());
    assertArrayEquals(record.hash(), read.hash());
    assertEquals(KeyStatus.ACTIVE, read.status());
    assertEquals(1234L, read.expiresAtMillis());
    assertTrue(read.tenant().models().restricted());
    assertTrue(read.tenant().providers().restricted());
    assertTrue(read.tenant().providers().names().isEmpty());

    KeyRecord unknown = KeyRecord.unknown("ZZZZZZZZ");
    cache.publish(unknown);
    KeyRecord readUnknown =
        (KeyRecord) a.getMap(ApiKeyCacheConfig.MAP_NAME).getEntryView("ZZZZZZZZ").getValue();
    assertEquals(KeyStatus.UNKNOWN, readUnknown.status());
    assertNull(readUnknown.tenant());
  }

  @Test
  void warmLookupsComeFromTheNearCacheAsTheSameObject() throws IOException {
    a = member("near-" + System.nanoTime(), freePort(), List.of());
    HazelcastApiKeyCache cache = new HazelcastApiKeyCache(a);
    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    cache.publish(
        new KeyRecord(
            key.prefix(),
            KeyStatus.ACTIVE,
            hasher.hash(key.key()),
            KeyRecord.NEVER,
            richTenant(key.prefix())));
    KeyRecord first = cache.get(key.prefix());
    KeyRecord second = cache.get(key.prefix());
    assertSame(first, second);
    assertEquals(
        1, a.getMap(ApiKeyCacheConfig.MAP_NAME).getLocalMapStats().getNearCacheStats().getHits());
  }

  @Test
  void cachingALoadNeverOverwritesAPublishedRecord() throws IOException {
    a = member("race-" + System.nanoTime(), freePort(), List.of());
    HazelcastApiKeyCache cache = new HazelcastApiKeyCache(a);
    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    TenantContext tenant = richTenant(key.prefix());
    KeyRecord revoked =
        new KeyRecord(
            key.prefix(), KeyStatus.REVOKED, hasher.hash(key.key()), KeyRecord.NEVER, tenant);
    cache.publish(revoked);
    KeyRecord staleRead =
        new KeyRecord(
            key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant);
    assertEquals(KeyStatus.REVOKED, cache.cacheLoaded(staleRead).status());
    assertEquals(KeyStatus.REVOKED, cache.get(key.prefix()).status());
  }

  @Test
  void revocationIsFinalInTheCache() throws IOException {
    a = member("final-" + System.nanoTime(), freePort(), List.of());
    HazelcastApiKeyCache cache = new HazelcastApiKeyCache(a);
    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    TenantContext tenant = richTenant(key.prefix());
    cache.publish(
        new KeyRecord(
            key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant));
    cache.publish(
        new KeyRecord(key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), 99L, tenant));
    assertEquals(
        99L, cache.get(key.prefix()).expiresAtMillis(), "an active record replaces an active one");
    cache.publish(
        new KeyRecord(key.prefix(), KeyStatus.REVOKED, hasher.hash(key.key()), 99L, tenant));
    cache.publish(
        new KeyRecord(
            key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant));
    assertEquals(KeyStatus.REVOKED, cache.get(key.prefix()).status());
  }

  @Test
  void aKeyRevokedThroughOneMemberIsRefusedByAnotherWithinOneSecond() throws Exception {
    String cluster = "revocation-" + System.nanoTime();
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    a = member(cluster, portA, members);
    b = member(cluster, portB, members);
    assertEquals(2, b.getCluster().getMembers().size());

    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    TenantContext tenant = richTenant(key.prefix());
    KeyRecord active =
        new KeyRecord(
            key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant);
    KeyRecordLoader database = prefix -> Optional.of(active);
    HazelcastApiKeyCache cacheA = new HazelcastApiKeyCache(a);
    DatabaseApiKeyVerifier verifierB =
        new DatabaseApiKeyVerifier(
            new HazelcastApiKeyCache(b), database, hasher, Clock.systemUTC());

    // Warm B's near-cache.
    for (int i = 0; i < 5; i++) {
      assertTrue(verifierB.verify(key.key()).isPresent());
    }
    long hits =
        b.getMap(ApiKeyCacheConfig.MAP_NAME).getLocalMapStats().getNearCacheStats().getHits();
    assertTrue(hits >= 2, "near-cache hits on B: " + hits);

    long revokedAt = System.nanoTime();
    cacheA.publish(
        new KeyRecord(key.prefix(), KeyStatus.REVOKED, active.hash(), KeyRecord.NEVER, tenant));
    long deadline = revokedAt + 1_000_000_000L;
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try {
        verifierB.verify(key.key());
        Thread.sleep(5);
      } catch (AuthenticationException e) {
        refused = true;
      }
    }
    assertTrue(refused, "member B still accepted the key one second after member A revoked it");
    assertThrows(AuthenticationException.class, () -> verifierB.verify(key.key()));
  }
}
