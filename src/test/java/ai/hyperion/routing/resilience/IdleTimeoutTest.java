package ai.hyperion.routing.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutTest {

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void aStreamThatStallsMidWayFailsWithATimeoutAfterItsItems() throws Exception {
    SubmissionPublisher<String> upstream = new SubmissionPublisher<>();
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    new IdleTimeout<>(
            upstream, Duration.ofMillis(200), scheduler, () -> ProviderException.timeout("p"))
        .subscribe(
            new Flow.Subscriber<String>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(String item) {
                seen.add(item);
              }

              @Override
              public void onError(Throwable t) {
                ended.complete(t);
              }

              @Override
              public void onComplete() {
                ended.complete(null);
              }
            });
    for (int i = 0; i < 5; i++) {
      upstream.submit("chunk" + i);
      Thread.sleep(50); // chunks 50 ms apart keep it alive
    }
    long start = System.nanoTime();
    Throwable failure = ended.get(5, TimeUnit.SECONDS);
    long waitedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(5, seen.size());
    assertTrue(
        failure instanceof ProviderException p && p.code().equals("upstream_timeout"),
        String.valueOf(failure));
    assertTrue(waitedMs >= 100, "failed after " + waitedMs + " ms of silence");
    // SubmissionPublisher closes a cancelled subscription on its own consumer task, later.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!upstream.isClosed()
        && upstream.getNumberOfSubscribers() > 0
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertTrue(
        upstream.isClosed() || upstream.getNumberOfSubscribers() == 0,
        "the upstream subscription was cancelled");
  }
}
