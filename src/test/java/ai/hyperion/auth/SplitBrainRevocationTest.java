package ai.hyperion.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import ai.hyperion.testing.Tenants;
import com.hazelcast.config.Config;
import com.hazelcast.core.EntryView;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Security review 2026-11-30, M1 (issue 8): a split brain heals without resurrecting a revoked key.
 * A lone member holds the key REVOKED while a two-member cluster holds it ACTIVE; when the lone
 * member finds the others it merges into the larger side, where Hazelcast's default policy would
 * keep ACTIVE.
 */
class SplitBrainRevocationTest {

  private final List<HazelcastInstance> members = new ArrayList<>();
  private final KeyHasher hasher = new KeyHasher("test-pepper");

  @AfterEach
  void stop() {
    members.forEach(HazelcastInstance::shutdown);
  }

  private HazelcastInstance start(String name, int port, List<String> peers) {
    Config config =
        ApiKeyCacheConfig.apply(
            HazelcastConfigs.member(
                new ClusterSettings(
                    name, "127.0.0.1", port, false, peers, "split-brain-secret-01")));
    config.setProperty("hazelcast.max.join.seconds", "5");
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    members.add(member);
    return member;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aRevocationMadeDuringASplitSurvivesTheMerge() throws Exception {
    String name = "split-" + System.nanoTime();
    int lonePort = freePort();
    int b1Port = freePort();
    int b2Port = freePort();
    VirtualKeyFormat.PresentedKey key = VirtualKeyFormat.generate();
    TenantContext tenant = Tenants.member("org", key.prefix(), Set.of());
    KeyRecord active =
        new KeyRecord(
            key.prefix(), KeyStatus.ACTIVE, hasher.hash(key.key()), KeyRecord.NEVER, tenant);
    KeyRecord revoked =
        new KeyRecord(
            key.prefix(), KeyStatus.REVOKED, hasher.hash(key.key()), KeyRecord.NEVER, tenant);

    // The lone side: it looks for b1, which is not up yet, so it starts on its own.
    HazelcastInstance lone =
        start(name, lonePort, List.of("127.0.0.1:" + lonePort, "127.0.0.1:" + b1Port));
    lone.<String, KeyRecord>getMap(ApiKeyCacheConfig.MAP_NAME).put(key.prefix(), revoked);

    // The larger side, which does not look for the lone member.
    List<String> bSide = List.of("127.0.0.1:" + b1Port, "127.0.0.1:" + b2Port);
    HazelcastInstance b1 = start(name, b1Port, bSide);
    HazelcastInstance b2 = start(name, b2Port, bSide);
    assertEquals(2, b1.getCluster().getMembers().size());
    IMap<String, KeyRecord> bMap = b1.getMap(ApiKeyCacheConfig.MAP_NAME);
    bMap.put(key.prefix(), active);

    // The lone member's split-brain handler finds b1 (every 10 s) and merges into the larger side.
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (b2.getCluster().getMembers().size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    assertEquals(3, b2.getCluster().getMembers().size(), "the split healed");
    KeyStatus status = null;
    long mergeDeadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < mergeDeadline) {
      EntryView<String, KeyRecord> view = bMap.getEntryView(key.prefix());
      status = view == null ? null : view.getValue().status();
      if (status == KeyStatus.REVOKED) {
        break;
      }
      Thread.sleep(250);
    }
    assertEquals(KeyStatus.REVOKED, status, "the revocation survived the merge");
  }
}
