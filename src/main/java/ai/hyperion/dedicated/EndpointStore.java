package ai.hyperion.dedicated;

import ai.hyperion.persistence.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lifecycle's database operations: state transitions with their event and GPU-time span in one
 * transaction, traffic marks, and what the monitor should look at. Entities returned are detached
 * copies, safe to read on any thread.
 */
public class EndpointStore {

  private final Transactions transactions;
  private final Clock clock;

  public EndpointStore(Transactions transactions, Clock clock) {
    this.transactions = transactions;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public Optional<DedicatedEndpoint> find(String id) {
    return Optional.ofNullable(
        transactions.inTransaction(em -> em.find(DedicatedEndpoint.class, id)));
  }

  /** Statuses of the given endpoints (absent ids are gone). */
  public List<DedicatedEndpoint> findAll(List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return transactions.inTransaction(
        em ->
            em.createQuery(
                    "select e from DedicatedEndpoint e where e.id in :ids", DedicatedEndpoint.class)
                .setParameter("ids", ids)
                .getResultList());
  }

  /**
   * Endpoints the monitor of {@code nodeId} should look at: those being built, woken or deleted,
   * those up (idle and health checks), and sleeping ones that must run (minimum replicas above
   * zero). Endpoints of the local platform only on the node that runs them.
   */
  public List<String> actionable(String nodeId) {
    return transactions.inTransaction(
        em ->
            em.createQuery(
                    "select e.id from DedicatedEndpoint e where (e.status in :active"
                        + " or (e.status = :sleeping and e.minReplicas > 0))"
                        + " and (e.nodeId is null or e.nodeId = :node)",
                    String.class)
                .setParameter(
                    "active",
                    List.of(
                        EndpointStatus.BUILDING,
                        EndpointStatus.WAKING_UP,
                        EndpointStatus.UP,
                        EndpointStatus.DELETING))
                .setParameter("sleeping", EndpointStatus.SLEEPING)
                .setParameter("node", nodeId)
                .getResultList());
  }

  /**
   * Moves an endpoint from {@code from} to {@code to} if it is still in {@code from}, with a state
   * event and, when the GPUs start or stop being held, a GPU-time span opened or closed. Empty when
   * the endpoint is gone or in another state (someone else moved it first).
   */
  public Optional<DedicatedEndpoint> transition(
      String id,
      EndpointStatus from,
      EndpointStatus to,
      String message,
      Consumer<DedicatedEndpoint> alsoChange) {
    return Optional.ofNullable(
        transactions.inTransaction(
            em -> {
              DedicatedEndpoint endpoint = em.find(DedicatedEndpoint.class, id);
              if (endpoint == null || endpoint.status() != from) {
                return null;
              }
              Instant now = clock.instant();
              endpoint.moveTo(to, message, now);
              alsoChange.accept(endpoint);
              em.persist(EndpointEvent.state(endpoint, from, message, now));
              meter(em, endpoint, from, to, now);
              em.flush();
              return endpoint;
            }));
  }

  /** Opens a GPU-time span when the GPUs start being held, closes it when they stop. */
  static void meter(
      EntityManager em,
      DedicatedEndpoint endpoint,
      EndpointStatus from,
      EndpointStatus to,
      Instant now) {
    if (from.billed() && !to.billed()) {
      em.createQuery(
              "select u from GpuUsage u where u.endpointId = :id and u.endedAt is null",
              GpuUsage.class)
          .setParameter("id", endpoint.id())
          .getResultList()
          .forEach(span -> span.end(now));
    } else if (!from.billed() && to.billed()) {
      em.persist(new GpuUsage(endpoint, now));
    }
  }

  public void note(String id, EndpointEvent.Kind kind, String message) {
    transactions.inTransaction(
        em -> {
          DedicatedEndpoint endpoint = em.find(DedicatedEndpoint.class, id);
          if (endpoint != null) {
            em.persist(EndpointEvent.note(endpoint, kind, message, clock.instant()));
          }
          return null;
        });
  }

  /**
   * Records traffic for the idle timer (never moves the mark backwards). Native SQL, so that it
   * does not bump the optimistic version a concurrent transition checks.
   */
  public void markTraffic(String id, Instant at) {
    transactions.inTransaction(
        em ->
            em.createNativeQuery(
                    "update dedicated_endpoints set last_request_at = ? where id = ?"
                        + " and (last_request_at is null or last_request_at < ?)")
                .setParameter(1, UtcTimes.timestamp(at))
                .setParameter(2, id)
                .setParameter(3, UtcTimes.timestamp(at))
                .executeUpdate());
  }

  /** Claims a local-platform endpoint for the node that will run its process. */
  public void assignNode(String id, String nodeId) {
    transactions.inTransaction(
        em ->
            em.createNativeQuery(
                    "update dedicated_endpoints set node_id = ? where id = ? and node_id is null")
                .setParameter(1, nodeId)
                .setParameter(2, id)
                .executeUpdate());
  }

  /** The last step of deletion: the row goes, its events and GPU-time spans stay. */
  public boolean remove(String id) {
    return transactions.inTransaction(
        em -> {
          DedicatedEndpoint endpoint = em.find(DedicatedEndpoint.class, id);
          if (endpoint == null || endpoint.status() != EndpointStatus.DELETING) {
            return false;
          }
          em.persist(
              EndpointEvent.note(endpoint, EndpointEvent.Kind.STATE, "deleted", clock.instant()));
          em.remove(endpoint);
          return true;
        });
  }

  /** USD of GPU time of an organisation in [from, to), open spans counted up to {@code to}. */
  public double gpuCost(String orgId, Instant from, Instant to) {
    return transactions.inTransaction(
        em ->
            em
                .createQuery(
                    "select u from GpuUsage u where u.orgId = :org and u.startedAt < :to"
                        + " and (u.endedAt is null or u.endedAt > :from)",
                    GpuUsage.class)
                .setParameter("org", orgId)
                .setParameter("to", UtcTimes.toUtc(to))
                .setParameter("from", UtcTimes.toUtc(from))
                .getResultList()
                .stream()
                .mapToDouble(span -> span.costBetween(from, to))
                .sum());
  }

  /**
   * GPU-time spans of an organisation that overlap [from, to), optionally of one team or one
   * endpoint (null for all), oldest first.
   */
  public List<GpuUsage> gpuSpans(
      String orgId, String teamId, String endpointId, Instant from, Instant to) {
    StringBuilder jpql =
        new StringBuilder(
            "select u from GpuUsage u where u.orgId = :org and u.startedAt < :to"
                + " and (u.endedAt is null or u.endedAt > :from)");
    if (teamId != null) {
      jpql.append(" and u.teamId = :team");
    }
    if (endpointId != null) {
      jpql.append(" and u.endpointId = :endpoint");
    }
    jpql.append(" order by u.startedAt");
    return transactions.inTransaction(
        em -> {
          var query =
              em.createQuery(jpql.toString(), GpuUsage.class)
                  .setParameter("org", orgId)
                  .setParameter("to", UtcTimes.toUtc(to))
                  .setParameter("from", UtcTimes.toUtc(from));
          if (teamId != null) {
            query.setParameter("team", teamId);
          }
          if (endpointId != null) {
            query.setParameter("endpoint", endpointId);
          }
          return query.getResultList();
        });
  }

  public List<GpuUsage> gpuUsage(String endpointId) {
    return transactions.inTransaction(
        em ->
            em.createQuery(
                    "select u from GpuUsage u where u.endpointId = :id order by u.startedAt",
                    GpuUsage.class)
                .setParameter("id", endpointId)
                .getResultList());
  }
}
