package ai.hyperion.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Security review 2026-11-30, H5 (issue 8). Hazelcast's open-source edition has no member
 * authentication or TLS (Enterprise features); the shared cluster secret keys the cluster name, so
 * a member without it is refused at the join, and a member reachable from other hosts will not
 * start without a secret.
 */
class ClusterSecurityTest {

  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(HazelcastInstance::shutdown);
  }

  private HazelcastInstance start(String name, int port, List<String> peers, String secret) {
    Config config =
        HazelcastConfigs.member(new ClusterSettings(name, "127.0.0.1", port, false, peers, secret));
    // A refused join gives up quickly instead of retrying for minutes.
    config.setProperty("hazelcast.max.join.seconds", "10");
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
  void onlyMembersWithTheSameSecretFormACluster() throws IOException {
    String name = "sec-" + System.nanoTime();
    int a = freePort();
    int b = freePort();
    int c = freePort();
    String secret = "the-shared-cluster-secret-0123";
    HazelcastInstance first = start(name, a, List.of("127.0.0.1:" + a), secret);
    HazelcastInstance intruder =
        start(name, b, List.of("127.0.0.1:" + a), "a-guessed-secret-0123456789");
    assertEquals(1, intruder.getCluster().getMembers().size(), "refused without the secret");
    assertEquals(1, first.getCluster().getMembers().size());

    HazelcastInstance peer = start(name, c, List.of("127.0.0.1:" + a), secret);
    assertEquals(2, peer.getCluster().getMembers().size(), "the secret lets a member in");
    assertEquals(2, first.getCluster().getMembers().size());
  }

  @Test
  void theSecretIsNotInTheClusterNameItself() {
    ClusterSettings settings =
        new ClusterSettings(
            "hyperion", "10.0.0.5", 5701, false, List.of("10.0.0.6"), "s3cret-value-0123456");
    assertTrue(settings.effectiveName().startsWith("hyperion-"));
    assertFalse(settings.effectiveName().contains("s3cret"));
    assertNotEquals(
        settings.effectiveName(),
        new ClusterSettings("hyperion", "10.0.0.5", 5701, false, List.of(), "other-value-0123456")
            .effectiveName());
  }

  @Test
  void aMemberOthersCanReachDoesNotStartWithoutASecret() {
    ClusterSettings clustered =
        new ClusterSettings("hyperion", "127.0.0.1", 5701, false, List.of("127.0.0.1:5702"), "");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, clustered::requireSecretWhenReachable);
    assertTrue(e.getMessage().contains("HYPERION_CLUSTER_SECRET"));
    ClusterSettings exposed =
        new ClusterSettings("hyperion", "10.0.0.5", 5701, false, List.of(), "short");
    assertThrows(IllegalStateException.class, exposed::requireSecretWhenReachable);
    ClusterSettings.standalone().requireSecretWhenReachable();
  }

  @Test
  void theMemberListensOnTheConfiguredInterfaceOnlyAndRunsNoJobs() {
    Config config =
        HazelcastConfigs.member(
            new ClusterSettings("h", "10.1.2.3", 5701, false, List.of(), "s3cret-value-0123456"));
    assertEquals("false", config.getProperty("hazelcast.socket.bind.any"));
    assertTrue(config.getNetworkConfig().getInterfaces().isEnabled());
    assertEquals(
        List.of("10.1.2.3"),
        List.copyOf(config.getNetworkConfig().getInterfaces().getInterfaces()));
    assertFalse(config.getJetConfig().isEnabled());
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
  }
}
