package ai.hyperion.dedicated;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background monitor: every {@code monitor-interval} it sweeps the endpoints this instance may
 * act on and runs one lifecycle step for each; an endpoint that is starting is looked at again
 * every {@code probe-interval}. It also resolves requests waiting on endpoints another instance is
 * waking, by polling their state. At most one step per endpoint is pending on this instance; the
 * database lease keeps other instances out.
 */
public final class LifecycleMonitor {

  private static final Logger LOG = Logger.getLogger(LifecycleMonitor.class.getName());

  private final EndpointLifecycle lifecycle;
  private final EndpointStore store;
  private final WakeWaiters waiters;
  private final RouteCache routes;
  private final ScheduledExecutorService scheduler;
  private final DedicatedSettings settings;

  /** Endpoints with a step scheduled or running on this instance. */
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  /** Endpoints nudged while their step was pending: one more step right after it. */
  private final Set<String> nudgedMeanwhile = ConcurrentHashMap.newKeySet();

  private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();
  private volatile boolean running;

  public LifecycleMonitor(
      EndpointLifecycle lifecycle,
      EndpointStore store,
      WakeWaiters waiters,
      RouteCache routes,
      ScheduledExecutorService scheduler,
      DedicatedSettings settings) {
    this.lifecycle = lifecycle;
    this.store = store;
    this.waiters = waiters;
    this.routes = routes;
    this.scheduler = scheduler;
    this.settings = settings;
  }

  public void start() {
    running = true;
    long sweep = settings.monitorInterval().toMillis();
    long poll = settings.probeInterval().toMillis();
    tasks.add(scheduler.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(this::pollWaiters, poll, poll, TimeUnit.MILLISECONDS));
    LOG.info(
        () ->
            "Dedicated endpoint monitor started on node "
                + settings.nodeId()
                + " (sweep every "
                + sweep
                + " ms)");
  }

  /** Stops scheduling, then waits (at most 10 s) for the steps already running to finish. */
  public void stop() {
    running = false;
    tasks.forEach(task -> task.cancel(false));
    tasks.clear();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!scheduled.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Look at this endpoint now (it was provisioned, woken or deleted). */
  public void nudge(String endpointId) {
    if (running && !schedule(endpointId, Duration.ZERO)) {
      nudgedMeanwhile.add(endpointId);
    }
  }

  void sweep() {
    try {
      store.actionable(settings.nodeId()).forEach(id -> schedule(id, Duration.ZERO));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dedicated endpoint sweep failed; next one in a moment", e);
    }
  }

  /** False when a step for the endpoint is already pending (or the monitor stopped). */
  private boolean schedule(String endpointId, Duration delay) {
    if (!running || !scheduled.add(endpointId)) {
      return false;
    }
    try {
      scheduler.schedule(() -> step(endpointId), delay.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (RuntimeException e) {
      scheduled.remove(endpointId);
      LOG.log(Level.WARNING, "Could not schedule a step for " + endpointId, e);
      return false;
    }
  }

  private void step(String endpointId) {
    if (!running) {
      scheduled.remove(endpointId);
      return;
    }
    Duration again = null;
    try {
      again = lifecycle.act(endpointId).orElse(null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Lifecycle step of " + endpointId + " failed; it will be retried", e);
      again = settings.monitorInterval();
    } finally {
      scheduled.remove(endpointId);
    }
    if (nudgedMeanwhile.remove(endpointId)) {
      again = Duration.ZERO;
    }
    if (again != null) {
      schedule(endpointId, again);
    }
  }

  /** Completes or fails waiters whose endpoint another instance moved. */
  void pollWaiters() {
    try {
      Set<String> pending = waiters.pending();
      if (pending.isEmpty()) {
        return;
      }
      Map<String, DedicatedEndpoint> found = new HashMap<>();
      store.findAll(List.copyOf(pending)).forEach(e -> found.put(e.id(), e));
      for (String id : pending) {
        DedicatedEndpoint endpoint = found.get(id);
        if (endpoint == null) {
          waiters.fail(id, DedicatedEndpointException.notFound(id));
        } else if (endpoint.status() == EndpointStatus.UP && endpoint.baseUrl() != null) {
          ServingTarget target = DedicatedEndpoints.target(endpoint);
          routes.put(endpoint, target);
          waiters.complete(target);
        } else if (endpoint.status() == EndpointStatus.FAILED) {
          waiters.fail(id, DedicatedEndpointException.failed(id, endpoint.statusMessage()));
        } else if (endpoint.status() == EndpointStatus.DELETING) {
          waiters.fail(id, DedicatedEndpointException.deleting(id));
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Polling endpoints that requests wait for failed", e);
    }
  }
}
