package ai.hyperion.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.ResumeStates;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider resume state on two real embedded members: a turn may land on either node. */
class HazelcastResumeStatesTest {

  private HazelcastInstance a;
  private HazelcastInstance b;

  @AfterEach
  void stop() {
    for (HazelcastInstance member : new HazelcastInstance[] {a, b}) {
      if (member != null) {
        member.shutdown();
      }
    }
  }

  @Test
  void stateWrittenOnOneNodeIsReadOnAnotherWithinItsScopeUnderTheTtl() throws Exception {
    String cluster = "resume-" + System.nanoTime();
    int portA = freePort();
    int portB = freePort();
    List<String> both = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    a = member(cluster, portA, both);
    b = member(cluster, portB, both);
    // On a busy machine the second member may take a while to join the first.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (a.getCluster().getMembers().size() < 2 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertEquals(2, a.getCluster().getMembers().size(), "the two members formed one cluster");
    ResumeStates onA = new HazelcastResumeStates(a);
    ResumeStates onB = new HazelcastResumeStates(b);
    ResumeState signature = new ResumeState("gemini", ResumeState.THOUGHT_SIGNATURE, "Cq+/sig==");

    onA.put("org-1", "call_abc", signature);

    // The put does not wait for the partition owner (nobody reads its answer): poll for it.
    Optional<ResumeState> seen = onB.get("org-1", "call_abc");
    while (seen.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
      seen = onB.get("org-1", "call_abc");
    }
    assertEquals(Optional.of(signature), seen);
    assertEquals(Optional.empty(), onB.get("org-2", "call_abc"), "scoped to the organisation");
    assertEquals(
        ResumeStates.TTL.toSeconds(),
        b.getConfig().getMapConfig(ResumeStateMapConfig.MAP_NAME).getTimeToLiveSeconds());
    assertTrue(
        a.getMap(ResumeStateMapConfig.MAP_NAME).getEntryView("org-1\u0000call_abc").getTtl()
            <= ResumeStates.TTL.toMillis());
  }

  private static HazelcastInstance member(String cluster, int port, List<String> members) {
    ClusterSettings s = new ClusterSettings(cluster, "127.0.0.1", port, false, members);
    return Hazelcast.newHazelcastInstance(ResumeStateMapConfig.apply(HazelcastConfigs.member(s)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
