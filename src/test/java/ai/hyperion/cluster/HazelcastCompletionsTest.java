package ai.hyperion.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What follows a relayed Hazelcast future runs on the thread that completed it, and only there. */
class HazelcastCompletionsTest {

  private static HazelcastInstance member;

  @BeforeAll
  static void start() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ClusterSettings settings =
        new ClusterSettings(
            "completions-" + System.nanoTime(),
            "127.0.0.1",
            port,
            false,
            List.of("127.0.0.1:" + port));
    member = Hazelcast.newHazelcastInstance(HazelcastConfigs.member(settings));
  }

  @AfterAll
  static void stop() {
    member.shutdown();
  }

  @Test
  void dependentsRunOnTheCompletingHazelcastThreadWithoutAHandOff() throws Exception {
    IMap<String, String> map = member.getMap("completions");
    map.set("k", "v");
    long threadsBefore = startedThreads();

    for (int i = 0; i < 200; i++) {
      CompletableFuture<String> where =
          HazelcastCompletions.relay(map.getAsync("k"))
              .thenApply(value -> value + "@" + Thread.currentThread().getName());
      String seen = where.get(10, TimeUnit.SECONDS);
      assertTrue(
          seen.startsWith("v@hz.") || seen.equals("v@" + Thread.currentThread().getName()),
          "ran on a Hazelcast thread (or here, when already complete), not a pool's: " + seen);
      assertTrue(!seen.contains("ForkJoinPool") && !seen.matches("v@Thread-\\d+"), seen);
    }
    // Hazelcast's own dependents would have started up to a thread each on a 1-parallelism pool.
    assertTrue(startedThreads() - threadsBefore < 20, "no thread per completion");
  }

  @Test
  void aFailureReachesTheRelayedFutureAsItsCause() {
    IMap<String, String> map = member.getMap("completions");
    CompletableFuture<Object> failed =
        HazelcastCompletions.relay(
            map.submitToKey(
                "k",
                entry -> {
                  throw new IllegalStateException("refused by the entry processor");
                }));

    ExecutionException thrown =
        assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, thrown.getCause());
    assertEquals("refused by the entry processor", thrown.getCause().getMessage());
  }

  private static long startedThreads() {
    return ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
  }
}
