package ai.hyperion.dedicated;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Requests waiting for an endpoint to come up, as futures: no thread waits. A waiter completes when
 * the endpoint is up (this instance's monitor, or a poll of the database for one another instance
 * woke), fails when it fails or goes, and fails with "still waking" after the wait limit.
 */
public final class WakeWaiters {

  /** Pending futures by endpoint id; each list is appended and drained concurrently. */
  private final Map<String, List<CompletableFuture<ServingTarget>>> waiting =
      new ConcurrentHashMap<>();

  private final ScheduledExecutorService timer;

  public WakeWaiters(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  public CompletableFuture<ServingTarget> await(
      String endpointId, Duration limit, Supplier<RuntimeException> onTimeout) {
    CompletableFuture<ServingTarget> waiter = new CompletableFuture<>();
    waiting.computeIfAbsent(endpointId, id -> new CopyOnWriteArrayList<>()).add(waiter);
    var timeout =
        timer.schedule(
            () -> {
              waiter.completeExceptionally(onTimeout.get());
            },
            limit.toMillis(),
            TimeUnit.MILLISECONDS);
    waiter.whenComplete(
        (target, failure) -> {
          timeout.cancel(false);
          waiting.computeIfPresent(
              endpointId,
              (id, list) -> {
                list.remove(waiter);
                return list.isEmpty() ? null : list;
              });
        });
    return waiter;
  }

  public Set<String> pending() {
    return Set.copyOf(waiting.keySet());
  }

  public void complete(ServingTarget target) {
    List<CompletableFuture<ServingTarget>> list = waiting.get(target.endpointId());
    if (list != null) {
      list.forEach(waiter -> waiter.complete(target));
    }
  }

  public void fail(String endpointId, RuntimeException failure) {
    List<CompletableFuture<ServingTarget>> list = waiting.get(endpointId);
    if (list != null) {
      list.forEach(waiter -> waiter.completeExceptionally(failure));
    }
  }
}
