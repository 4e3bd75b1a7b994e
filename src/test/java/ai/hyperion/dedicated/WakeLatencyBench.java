package ai.hyperion.dedicated;

import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.ScalingRequest;
import ai.hyperion.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Wake-up latency of a sleeping dedicated endpoint on the local platform, with the server's default
 * monitor settings (sweep 5 s, probe interval 1 s): from {@link DedicatedEndpoints#resolve} on a
 * sleeping endpoint to the first answer of its server (a {@code FakeInferenceServer} JVM, so the
 * figure is the gateway's part plus a JVM start, not a model load). Run by {@code
 * bench/dedicated-wake.sh}; prints a markdown table.
 */
public final class WakeLatencyBench {

  private WakeLatencyBench() {}

  public static void main(String[] args) throws Exception {
    int cycles = Integer.getInteger("bench.cycles", 5);
    HttpClient http = HttpClient.newHttpClient();
    List<Long> resolved = new ArrayList<>();
    List<Long> answered = new ArrayList<>();
    try (DedicatedHarness h =
        new DedicatedHarness(
            TestDatabase.derby(),
            new LocalProcessPlatform(DedicatedHarness.fakeServerCommand(), Thread::new),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1))) {
      String id =
          h.service
              .provision(
                  h.orgAdmin,
                  null,
                  new ProvisionRequest(
                      "bench/tiny-0.5b",
                      null,
                      null,
                      null,
                      2048,
                      null,
                      1,
                      null,
                      null,
                      null,
                      new ScalingRequest(0, 1, 1),
                      null))
              .id();
      await(h, id, EndpointStatus.UP);
      for (int i = 0; i < cycles; i++) {
        long pid = h.local().pid(id).orElseThrow();
        await(h, id, EndpointStatus.SLEEPING);
        // Asleep means its process has exited, not only that the status was written.
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          Thread.sleep(20);
        }
        Thread.sleep(100);
        java.time.Instant wall = java.time.Instant.now();
        long start = System.nanoTime();
        ServingTarget target =
            h.endpoints.resolve(id, h.acme).toCompletableFuture().get(60, TimeUnit.SECONDS);
        long up = System.nanoTime();
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(target.baseUrl() + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        long done = System.nanoTime();
        if (answer.statusCode() != 200) {
          throw new IllegalStateException("The woken server answered " + answer.statusCode());
        }
        resolved.add((up - start) / 1_000_000);
        answered.add((done - start) / 1_000_000);
        System.err.println("wake " + i + ": " + breakdown(h, id, wall));
      }
      h.service.delete(h.orgAdmin, null, id);
    }
    System.out.println(
        "| wake-ups | resolve p50 (ms) | resolve max (ms) | first answer p50 (ms) | first answer"
            + " max (ms) |");
    System.out.println("|---:|---:|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| %d | %d | %d | %d | %d |%n",
        cycles,
        median(resolved),
        Collections.max(resolved),
        median(answered),
        Collections.max(answered));
  }

  /** When the steps of one wake-up happened, from its events, in ms after the request. */
  private static String breakdown(DedicatedHarness h, String id, java.time.Instant start) {
    return h.db.inTransaction(
        em ->
            em
                .createQuery(
                    "select v from EndpointEvent v where v.endpointId = :id and v.occurredAt >= :at"
                        + " order by v.occurredAt, v.id",
                    EndpointEvent.class)
                .setParameter("id", id)
                .setParameter("at", UtcTimes.toUtc(start))
                .getResultList()
                .stream()
                .map(e -> Duration.between(start, e.occurredAt()).toMillis() + " ms " + e.message())
                .toList()
                .toString());
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void await(DedicatedHarness h, String id, EndpointStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (h.status(id) != status) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(id + " never reached " + status);
      }
      Thread.sleep(50);
    }
  }
}
