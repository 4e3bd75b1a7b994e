package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig.HardwareConfig;
import ai.hyperion.provider.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Drives one endpoint one step through its lifecycle, holding its lease: starts what is building or
 * waking, promotes it to {@code up} when the platform reports it ready, puts idle endpoints to
 * sleep, fails what crashed or timed out, and removes what is being deleted. Tells the owner by
 * mail and the waiting requests by {@link WakeWaiters}. Safe to call again at any time.
 */
public class EndpointLifecycle {

  private static final Logger LOG = Logger.getLogger(EndpointLifecycle.class.getName());
  static final long MIN_PROBE_MILLIS = 50;

  private final EndpointStore store;
  private final EndpointLeases leases;
  private final EndpointPlatform platform;
  private final Optional<TokenCipher> cipher;
  private final OwnerMail mail;
  private final WakeWaiters waiters;
  private final TrafficMarks traffic;
  private final RouteCache routes;
  private final DedicatedSettings settings;
  private final List<HardwareConfig> catalog;

  /** The last "starting" detail noted per endpoint, so the history is not flooded. */
  private final Map<String, String> lastDetail = new ConcurrentHashMap<>();

  public EndpointLifecycle(
      EndpointStore store,
      EndpointLeases leases,
      EndpointPlatform platform,
      Optional<TokenCipher> cipher,
      OwnerMail mail,
      WakeWaiters waiters,
      TrafficMarks traffic,
      RouteCache routes,
      DedicatedSettings settings,
      List<HardwareConfig> catalog) {
    this.store = store;
    this.leases = leases;
    this.platform = platform;
    this.cipher = cipher;
    this.mail = mail;
    this.waiters = waiters;
    this.traffic = traffic;
    this.routes = routes;
    this.settings = settings;
    this.catalog = List.copyOf(catalog);
  }

  /** One step; the delay after which to look again soon, or empty for the regular sweep. */
  public Optional<Duration> act(String endpointId) {
    if (!leases.acquire(endpointId)) {
      return Optional.empty();
    }
    try {
      Optional<DedicatedEndpoint> found = store.find(endpointId);
      if (found.isEmpty()) {
        gone(endpointId);
        return Optional.empty();
      }
      DedicatedEndpoint endpoint = found.get();
      if (platform.nodeBound()
          && endpoint.nodeId() != null
          && !endpoint.nodeId().equals(leases.owner())) {
        return Optional.empty();
      }
      return switch (endpoint.status()) {
        case BUILDING, WAKING_UP -> advance(endpoint);
        case UP -> watch(endpoint);
        case SLEEPING -> keepMinimum(endpoint);
        case DELETING -> delete(endpoint);
        case FAILED -> Optional.empty();
      };
    } finally {
      leases.release(endpointId);
    }
  }

  private Optional<Duration> advance(DedicatedEndpoint endpoint) {
    String id = endpoint.id();
    if (platform.nodeBound() && endpoint.nodeId() == null) {
      store.assignNode(id, leases.owner());
    }
    Duration limit =
        endpoint.status() == EndpointStatus.BUILDING
            ? settings.buildTimeout()
            : settings.wakeTimeout();
    if (Duration.between(endpoint.statusChangedAt(), store.now()).compareTo(limit) > 0) {
      return fail(
          endpoint,
          "did not become ready within "
              + limit.toSeconds()
              + " s ("
              + lastDetail.getOrDefault(id, "no progress reported")
              + ")");
    }
    Readiness readiness = platform.probe(id);
    if (readiness instanceof Readiness.Absent || readiness instanceof Readiness.Stopped) {
      return startServer(endpoint);
    }
    if (readiness instanceof Readiness.Failed failed) {
      return fail(endpoint, failed.reason());
    }
    if (readiness instanceof Readiness.Ready ready) {
      promote(endpoint, ready);
      return Optional.empty();
    }
    String detail = ((Readiness.Starting) readiness).detail();
    if (!detail.equals(lastDetail.put(id, detail))) {
      store.note(id, EndpointEvent.Kind.INFO, detail);
    }
    return Optional.of(nextProbe(endpoint));
  }

  /**
   * Probes come quickly at first (a small server is ready within a second, and a waking request is
   * waiting) and slow down to {@code probe-interval} for servers that load for minutes: a quarter
   * of the time spent starting so far, at least {@value #MIN_PROBE_MILLIS} ms.
   */
  Duration nextProbe(DedicatedEndpoint endpoint) {
    Duration starting = Duration.between(endpoint.statusChangedAt(), store.now()).dividedBy(4);
    Duration min = Duration.ofMillis(MIN_PROBE_MILLIS);
    if (starting.compareTo(min) < 0) {
      return min;
    }
    return starting.compareTo(settings.probeInterval()) > 0 ? settings.probeInterval() : starting;
  }

  private void promote(DedicatedEndpoint endpoint, Readiness.Ready ready) {
    String id = endpoint.id();
    EndpointStatus from = endpoint.status();
    Optional<DedicatedEndpoint> up =
        store.transition(
            id,
            from,
            EndpointStatus.UP,
            from == EndpointStatus.BUILDING ? "built and serving" : "awake and serving",
            e -> e.baseUrl(ready.baseUrl().toString()));
    lastDetail.remove(id);
    up.ifPresent(
        e -> {
          LOG.info(() -> id + " is up at " + ready.baseUrl());
          ServingTarget target = DedicatedEndpoints.target(e);
          routes.put(e, target);
          waiters.complete(target);
          if (from == EndpointStatus.BUILDING) {
            mail.up(e);
          }
        });
  }

  private Optional<Duration> startServer(DedicatedEndpoint endpoint) {
    try {
      platform.start(spec(endpoint));
      store.note(
          endpoint.id(),
          EndpointEvent.Kind.INFO,
          "started on the " + platform.name() + " platform");
      return Optional.of(nextProbe(endpoint));
    } catch (PlatformException | IllegalStateException e) {
      // IllegalStateException: the token no longer decrypts (the key changed)
      return fail(endpoint, e.getMessage());
    }
  }

  private Optional<Duration> watch(DedicatedEndpoint endpoint) {
    String id = endpoint.id();
    Readiness readiness = platform.probe(id);
    if (readiness instanceof Readiness.Failed failed) {
      return fail(endpoint, failed.reason());
    }
    if (readiness instanceof Readiness.Absent || readiness instanceof Readiness.Stopped) {
      routes.invalidate(id);
      store.transition(
          id,
          EndpointStatus.UP,
          EndpointStatus.SLEEPING,
          "the server no longer runs (gateway restarted?); the next request starts it again",
          e -> e.baseUrl(null));
      return Optional.empty();
    }
    if (endpoint.minReplicas() > 0) {
      return Optional.empty();
    }
    Instant last = traffic.lastTraffic(endpoint);
    Duration idle = Duration.between(last, store.now());
    if (idle.getSeconds() >= endpoint.idleSeconds()) {
      routes.invalidate(id);
      Optional<DedicatedEndpoint> asleep =
          store.transition(
              id,
              EndpointStatus.UP,
              EndpointStatus.SLEEPING,
              "no requests for " + idle.getSeconds() + " s: scaled to zero",
              e -> e.baseUrl(null));
      if (asleep.isPresent()) {
        platform.stop(id);
        LOG.info(() -> id + " is sleeping after " + idle.getSeconds() + " s without requests");
      }
    }
    return Optional.empty();
  }

  private Optional<Duration> keepMinimum(DedicatedEndpoint endpoint) {
    if (endpoint.minReplicas() < 1) {
      return Optional.empty();
    }
    Optional<DedicatedEndpoint> waking =
        store.transition(
            endpoint.id(),
            EndpointStatus.SLEEPING,
            EndpointStatus.WAKING_UP,
            "minimum replicas is " + endpoint.minReplicas(),
            e -> {});
    return waking.isPresent() ? advance(waking.get()) : Optional.empty();
  }

  private Optional<Duration> delete(DedicatedEndpoint endpoint) {
    String id = endpoint.id();
    try {
      platform.delete(id);
    } catch (PlatformException e) {
      store.note(id, EndpointEvent.Kind.WARNING, "delete will be retried: " + e.getMessage());
      return Optional.of(settings.monitorInterval());
    }
    if (store.remove(id)) {
      LOG.info(() -> id + " deleted");
      mail.deleted(endpoint);
    }
    gone(id);
    return Optional.empty();
  }

  private Optional<Duration> fail(DedicatedEndpoint endpoint, String reason) {
    String id = endpoint.id();
    try {
      platform.stop(id);
    } catch (PlatformException e) {
      LOG.warning(() -> "Could not stop the failed " + id + ": " + e.getMessage());
    }
    routes.invalidate(id);
    lastDetail.remove(id);
    Optional<DedicatedEndpoint> failed =
        store.transition(
            id, endpoint.status(), EndpointStatus.FAILED, reason, e -> e.baseUrl(null));
    failed.ifPresent(
        e -> {
          LOG.warning(() -> id + " failed: " + reason);
          waiters.fail(id, DedicatedEndpointException.failed(id, reason));
          mail.failed(e);
        });
    return Optional.empty();
  }

  private void gone(String id) {
    routes.invalidate(id);
    traffic.forget(id);
    lastDetail.remove(id);
    waiters.fail(id, DedicatedEndpointException.notFound(id));
  }

  private DeploymentSpec spec(DedicatedEndpoint endpoint) {
    Secret token = null;
    if (endpoint.encryptedAccessToken() != null) {
      token =
          cipher
              .orElseThrow(
                  () ->
                      new PlatformException(
                          "the access token cannot be decrypted: "
                              + DedicatedSettings.TOKEN_KEY
                              + " is not configured"))
              .decrypt(endpoint.encryptedAccessToken(), endpoint.id());
    }
    Map<String, String> nodeSelector =
        catalog.stream()
            .filter(h -> h.id().equals(endpoint.hardwareId()))
            .findFirst()
            .map(HardwareConfig::nodeSelector)
            .orElse(Map.of());
    return new DeploymentSpec(
        endpoint.id(),
        endpoint.orgId(),
        endpoint.model(),
        endpoint.contextLength(),
        endpoint.dtype(),
        endpoint.maxConcurrency(),
        endpoint.engineArgs(),
        endpoint.gpuKind(),
        endpoint.gpuCount(),
        nodeSelector,
        endpoint.servingReplicas(),
        token);
  }
}
