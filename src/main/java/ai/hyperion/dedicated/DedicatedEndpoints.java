package ai.hyperion.dedicated;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The data path's entry to dedicated endpoints: {@link #resolve} turns {@code endpt-<id>} and the
 * caller's organisation into the server to send the request to, waking the endpoint when it sleeps.
 * The database is read on a managed executor, and waiting for a server to come up is a future
 * completed by the lifecycle monitor: no request thread is held.
 */
public class DedicatedEndpoints {

  private final EndpointStore store;
  private final RouteCache routes;
  private final TrafficMarks traffic;
  private final WakeWaiters waiters;
  private final Consumer<String> nudge;
  private final Executor executor;
  private final DedicatedSettings settings;
  private final boolean configured;

  public DedicatedEndpoints(
      EndpointStore store,
      RouteCache routes,
      TrafficMarks traffic,
      WakeWaiters waiters,
      Consumer<String> nudge,
      Executor executor,
      DedicatedSettings settings,
      boolean configured) {
    this.store = store;
    this.routes = routes;
    this.traffic = traffic;
    this.waiters = waiters;
    this.nudge = nudge;
    this.executor = executor;
    this.settings = settings;
    this.configured = configured;
  }

  /**
   * The server for a request to {@code endpointId} by a key of {@code orgId}, and a traffic mark
   * for the idle timer. Completes exceptionally with a {@link DedicatedEndpointException}: 404 when
   * the endpoint does not exist or belongs to another organisation (the same answer), 502 when it
   * failed, and 503 with Retry-After when it is still building or waking after {@code
   * hyperion.dedicated.wake-wait-seconds}. A sleeping endpoint is woken first.
   */
  public CompletionStage<ServingTarget> resolve(String endpointId, String orgId) {
    if (!configured) {
      return CompletableFuture.failedFuture(DedicatedEndpointException.notConfigured());
    }
    if (endpointId == null || !endpointId.startsWith(DedicatedEndpoint.ID_PREFIX)) {
      return CompletableFuture.failedFuture(DedicatedEndpointException.notFound(endpointId));
    }
    Optional<ServingTarget> cached = routes.get(endpointId);
    if (cached.isPresent() && cached.get().orgId().equals(orgId)) {
      traffic.mark(endpointId);
      return CompletableFuture.completedFuture(cached.get());
    }
    return CompletableFuture.supplyAsync(() -> store.find(endpointId), executor)
        .thenCompose(found -> route(endpointId, orgId, found));
  }

  /**
   * A request served by the endpoint ended: its idle time counts from now, so a long answer is not
   * taken for idleness.
   */
  public void served(String endpointId) {
    if (endpointId != null && endpointId.startsWith(DedicatedEndpoint.ID_PREFIX)) {
      traffic.mark(endpointId);
    }
  }

  private CompletionStage<ServingTarget> route(
      String endpointId, String orgId, Optional<DedicatedEndpoint> found) {
    if (found.isEmpty() || !found.get().orgId().equals(orgId)) {
      return CompletableFuture.failedFuture(DedicatedEndpointException.notFound(endpointId));
    }
    DedicatedEndpoint endpoint = found.get();
    switch (endpoint.status()) {
      case DELETING:
        return CompletableFuture.failedFuture(DedicatedEndpointException.deleting(endpointId));
      case FAILED:
        return CompletableFuture.failedFuture(
            DedicatedEndpointException.failed(endpointId, endpoint.statusMessage()));
      case UP:
        if (endpoint.baseUrl() != null) {
          ServingTarget target = target(endpoint);
          routes.put(endpoint, target);
          traffic.mark(endpointId);
          return CompletableFuture.completedFuture(target);
        }
        break;
      case SLEEPING:
        CompletableFuture<ServingTarget> woken = awaitUp(endpoint, false);
        executor.execute(() -> wake(endpointId));
        return woken;
      default:
        break;
    }
    return awaitUp(endpoint, true);
  }

  /** A waiter for the endpoint; {@code look} asks the monitor to look at it now. */
  private CompletableFuture<ServingTarget> awaitUp(DedicatedEndpoint endpoint, boolean look) {
    traffic.mark(endpoint.id());
    if (look) {
      nudge.accept(endpoint.id());
    }
    int retryAfter = (int) Math.max(1, Math.min(30, settings.wakeWait().toSeconds()));
    EndpointStatus shown =
        endpoint.status() == EndpointStatus.BUILDING
            ? EndpointStatus.BUILDING
            : EndpointStatus.WAKING_UP;
    return waiters.await(
        endpoint.id(),
        settings.wakeWait(),
        () -> DedicatedEndpointException.starting(endpoint.id(), shown, retryAfter));
  }

  /** Sleeping → waking_up; if another request or instance did it first, nothing to do. */
  private void wake(String endpointId) {
    store.transition(
        endpointId,
        EndpointStatus.SLEEPING,
        EndpointStatus.WAKING_UP,
        "woken by a request",
        e -> {});
    nudge.accept(endpointId);
  }

  static ServingTarget target(DedicatedEndpoint endpoint) {
    return new ServingTarget(
        endpoint.id(), endpoint.orgId(), endpoint.model(), URI.create(endpoint.baseUrl()));
  }
}
