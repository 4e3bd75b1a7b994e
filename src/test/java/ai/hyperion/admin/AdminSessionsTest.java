package ai.hyperion.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.cluster.ClusterSettings;
import ai.hyperion.cluster.HazelcastConfigs;
import ai.hyperion.testing.MutableClock;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admin UI sessions on real embedded Hazelcast members, with a clock moved by hand. */
class AdminSessionsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));
  private final AdminSessionSettings settings =
      new AdminSessionSettings(Duration.ofMinutes(30), Duration.ofHours(8), false);
  private HazelcastInstance a;
  private HazelcastInstance b;

  @BeforeEach
  void startMember() throws IOException {
    a = member("sessions-" + System.nanoTime(), freePort(), List.of());
  }

  @AfterEach
  void stopMembers() {
    for (HazelcastInstance member : new HazelcastInstance[] {a, b}) {
      if (member != null) {
        member.shutdown();
      }
    }
  }

  private static HazelcastInstance member(String cluster, int port, List<String> members) {
    ClusterSettings s = new ClusterSettings(cluster, "127.0.0.1", port, false, members);
    return Hazelcast.newHazelcastInstance(AdminSessionMapConfig.apply(HazelcastConfigs.member(s)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aSessionHoldsThePrefixAndItsOwnCsrfTokenNeverTheId() {
    AdminSessions sessions = new AdminSessions(a, settings, clock);
    AdminSessions.Started started = sessions.start("AbCd1234");
    AdminSession found = sessions.find(started.id()).orElseThrow();
    assertEquals("AbCd1234", found.keyPrefix());
    assertTrue(found.csrfMatches(started.session().csrfToken()));
    assertFalse(found.csrfMatches(null));
    assertFalse(found.csrfMatches("forged"));
    assertNotEquals(started.id(), found.csrfToken());
    assertTrue(started.id().length() >= 43, "256 random bits");
    assertFalse(
        a.getMap(AdminSessionMapConfig.MAP_NAME).containsKey(started.id()),
        "the map is keyed by a hash of the id, not the id");
    assertFalse(started.toString().contains(started.id()));
  }

  @Test
  void idleSessionsEndButActiveOnesLiveOn() {
    AdminSessions sessions = new AdminSessions(a, settings, clock);
    String id = sessions.start("AbCd1234").id();
    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertTrue(sessions.find(id).isPresent(), "active for " + (i + 1) * 20 + " minutes");
    }
    clock.advance(Duration.ofMinutes(31));
    assertTrue(sessions.find(id).isEmpty());
    clock.advance(Duration.ofMinutes(-31));
    assertTrue(sessions.find(id).isEmpty(), "an ended session stays ended");
  }

  @Test
  void sessionsEndAtTheAbsoluteTimeoutWhateverTheActivity() {
    AdminSessions sessions = new AdminSessions(a, settings, clock);
    String id = sessions.start("AbCd1234").id();
    AdminSession session = sessions.find(id).orElseThrow();
    assertEquals(
        Instant.parse("2030-01-01T09:30:00Z").toEpochMilli(), sessions.expiresAtMillis(session));
    for (int minutes = 0; minutes < 8 * 60 - 10; minutes += 10) {
      clock.advance(Duration.ofMinutes(10));
      assertTrue(sessions.find(id).isPresent());
    }
    clock.advance(Duration.ofMinutes(10));
    assertTrue(sessions.find(id).isEmpty());
  }

  @Test
  void signOutOnOneMemberEndsTheSessionOnEvery() throws IOException {
    String cluster = "sessions-pair-" + System.nanoTime();
    a.shutdown();
    int portA = freePort();
    int portB = freePort();
    List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
    a = member(cluster, portA, members);
    b = member(cluster, portB, members);
    AdminSessions onA = new AdminSessions(a, settings, clock);
    AdminSessions onB = new AdminSessions(b, settings, clock);
    String id = onA.start("AbCd1234").id();
    assertTrue(onB.find(id).isPresent(), "any member serves the session");
    onB.end(id);
    assertTrue(onA.find(id).isEmpty());
  }

  @Test
  void unknownOrMalformedIdsFindNothing() {
    AdminSessions sessions = new AdminSessions(a, settings, clock);
    sessions.start("AbCd1234");
    assertTrue(sessions.find(null).isEmpty());
    assertTrue(sessions.find("").isEmpty());
    assertTrue(sessions.find("x".repeat(500)).isEmpty());
    assertTrue(sessions.find("not-a-session").isEmpty());
  }

  @Test
  void timeoutsAreReadFromConfigAndChecked() {
    assertEquals(
        "hyperion.admin.session.absolute-timeout must be at least the idle timeout",
        assertThrows(
                IllegalArgumentException.class,
                () -> new AdminSessionSettings(Duration.ofHours(2), Duration.ofHours(1), false))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new AdminSessionSettings(Duration.ZERO, Duration.ofHours(1), false));
  }
}
