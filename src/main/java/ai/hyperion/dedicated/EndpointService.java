package ai.hyperion.dedicated;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.Listing;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Reach;
import ai.hyperion.admin.Scope;
import ai.hyperion.auth.UserRole;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.UpdateRequest;
import ai.hyperion.dedicated.EndpointViews.EndpointView;
import ai.hyperion.dedicated.EndpointViews.EventView;
import ai.hyperion.dedicated.EndpointViews.LogView;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.provider.Secret;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.tenancy.Team;
import ai.hyperion.tenancy.User;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Provisioning and management of dedicated endpoints, for the API and the admin UI: validate, size,
 * store (status {@code building}) and hand over to the monitor; read, list, rescale, delete, logs
 * and events. Another organisation's endpoint is a 404 (its existence is never revealed); within
 * the organisation the role matrix ({@link AccessPolicy}, area ENDPOINT) decides.
 */
public class EndpointService {

  static final int MAX_LOG_LINES = 1000;

  private final Transactions transactions;
  private final Clock clock;
  private final ProvisionPlanner planner;
  private final Optional<TokenCipher> cipher;
  private final EndpointPlatform platform;
  private final Consumer<String> nudge;
  private final RouteCache routes;

  public EndpointService(
      Transactions transactions,
      Clock clock,
      ProvisionPlanner planner,
      Optional<TokenCipher> cipher,
      EndpointPlatform platform,
      Consumer<String> nudge,
      RouteCache routes) {
    this.transactions = transactions;
    this.clock = clock;
    this.planner = planner;
    this.cipher = cipher;
    this.platform = platform;
    this.nudge = nudge;
    this.routes = routes;
  }

  /** Answers at once with the endpoint in status {@code building}; the monitor starts it. */
  public EndpointView provision(Caller caller, String pathOrgId, ProvisionRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    String orgId =
        pathOrgId != null ? pathOrgId : Optional.ofNullable(request.orgId()).orElse(caller.orgId());
    if (pathOrgId != null && request.orgId() != null && !request.orgId().equals(pathOrgId)) {
      throw AdminApiException.invalid("orgId", "differs from the organisation in the path");
    }
    String teamId =
        request.teamId() != null
            ? request.teamId()
            : caller.orgId().equals(orgId) && caller.role() == UserRole.TEAM_ADMIN
                ? caller.teamId()
                : null;
    Scope scope = new Scope(orgId, teamId, caller.userId());
    if (!AccessPolicy.permits(caller, Area.ENDPOINT, Access.WRITE, scope)) {
      throw AdminApiException.forbidden(caller.role(), Access.WRITE, Area.ENDPOINT);
    }
    if (request.accessToken() != null && cipher.isEmpty()) {
      throw new AdminApiException(
          503,
          "token_storage_unavailable",
          "This gateway cannot store access tokens: "
              + DedicatedSettings.TOKEN_KEY
              + " (env HYPERION_DEDICATED_TOKEN_KEY) is not configured.",
          List.of());
    }
    ProvisionPlanner.Plan plan = planner.plan(request, platform.name());
    Instant now = clock.instant();
    DedicatedEndpoint created =
        transactions.inTransaction(
            em -> {
              String email = ownerEmail(em, caller, orgId, teamId, request);
              DedicatedEndpoint endpoint =
                  new DedicatedEndpoint(
                      orgId,
                      teamId,
                      caller.userId(),
                      plan.model(),
                      plan.sizing(),
                      plan.engineArgs(),
                      platform.name(),
                      now);
              endpoint.name(request.name() == null ? null : request.name().trim());
              endpoint.notifyEmail(email);
              endpoint.scaling(plan.minReplicas(), plan.maxReplicas(), plan.idleSeconds());
              if (request.accessToken() != null) {
                endpoint.encryptedAccessToken(
                    cipher.get().encrypt(new Secret(request.accessToken()), endpoint.id()));
              }
              em.persist(endpoint);
              em.persist(
                  EndpointEvent.state(
                      endpoint,
                      null,
                      "provisioned on the "
                          + platform.name()
                          + " platform: "
                          + plan.sizing().describe(),
                      now));
              em.flush();
              return endpoint;
            });
    nudge.accept(created.id());
    return EndpointView.of(created);
  }

  private static String ownerEmail(
      EntityManager em, Caller caller, String orgId, String teamId, ProvisionRequest request) {
    if (em.find(Organization.class, orgId) == null) {
      throw AdminApiException.invalid("orgId", "no organisation with this id");
    }
    if (teamId != null) {
      Team team = em.find(Team.class, teamId);
      if (team == null || !team.orgId().equals(orgId)) {
        throw AdminApiException.invalid("teamId", "no team with this id in the organisation");
      }
    }
    if (request.notifyEmail() != null) {
      return request.notifyEmail().trim();
    }
    User owner = em.find(User.class, caller.userId());
    return owner == null ? null : owner.email();
  }

  public EndpointView get(Caller caller, String orgId, String endpointId) {
    return transactions.inTransaction(
        em -> EndpointView.of(find(em, caller, orgId, endpointId, Access.READ)));
  }

  public Page<EndpointView> list(
      Caller caller, String orgId, String teamFilter, String statusFilter, PageRequest page) {
    String org = orgId == null ? caller.orgId() : orgId;
    Reach reach = AccessPolicy.reach(caller.role(), Area.ENDPOINT, Access.READ);
    if (!reach.covers(caller, new Scope(org, caller.teamId(), caller.userId()))) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.ENDPOINT);
    }
    EndpointStatus status = statusFilter == null ? null : parseStatus(statusFilter);
    return transactions.inTransaction(
        em ->
            Listing.of(DedicatedEndpoint.class)
                .where("orgId", org)
                .where("teamId", reach == Reach.OWN_TEAM ? caller.teamId() : teamFilter)
                .where("status", status)
                .fetch(em, page)
                .map(EndpointView::of));
  }

  public EndpointView update(
      Caller caller, String orgId, String endpointId, UpdateRequest request) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    return transactions.inTransaction(
        em -> {
          DedicatedEndpoint endpoint = find(em, caller, orgId, endpointId, Access.WRITE);
          if (endpoint.status() == EndpointStatus.DELETING) {
            throw AdminApiException.conflict("Endpoint '" + endpointId + "' is being deleted.");
          }
          ProvisionPlanner.Scaling scaling =
              planner.rescale(
                  request.scaling(),
                  endpoint.minReplicas(),
                  endpoint.maxReplicas(),
                  endpoint.idleSeconds(),
                  platform.name());
          if (request.name() != null) {
            planner.checkName(request.name());
            endpoint.name(request.name().trim());
          }
          endpoint.scaling(scaling.minReplicas(), scaling.maxReplicas(), scaling.idleSeconds());
          em.persist(
              EndpointEvent.note(
                  endpoint,
                  EndpointEvent.Kind.INFO,
                  "scaling set to min "
                      + scaling.minReplicas()
                      + ", max "
                      + scaling.maxReplicas()
                      + ", idle "
                      + scaling.idleSeconds()
                      + " s",
                  clock.instant()));
          em.flush();
          return EndpointView.of(endpoint);
        });
  }

  /** Marks the endpoint {@code deleting}; the monitor releases its resources and removes it. */
  public EndpointView delete(Caller caller, String orgId, String endpointId) {
    EndpointView view =
        transactions.inTransaction(
            em -> {
              DedicatedEndpoint endpoint = find(em, caller, orgId, endpointId, Access.WRITE);
              EndpointStatus from = endpoint.status();
              if (from != EndpointStatus.DELETING) {
                Instant now = clock.instant();
                endpoint.moveTo(
                    EndpointStatus.DELETING, "deletion asked by " + caller.userId(), now);
                em.persist(EndpointEvent.state(endpoint, from, endpoint.statusMessage(), now));
                EndpointStore.meter(em, endpoint, from, EndpointStatus.DELETING, now);
                em.flush();
              }
              return EndpointView.of(endpoint);
            });
    routes.invalidate(endpointId);
    nudge.accept(endpointId);
    return view;
  }

  public Page<EventView> events(Caller caller, String orgId, String endpointId, PageRequest page) {
    return transactions.inTransaction(
        em -> {
          find(em, caller, orgId, endpointId, Access.READ);
          long total =
              em.createQuery(
                      "select count(v) from EndpointEvent v where v.endpointId = :id", Long.class)
                  .setParameter("id", endpointId)
                  .getSingleResult();
          List<EventView> data =
              em
                  .createQuery(
                      "select v from EndpointEvent v where v.endpointId = :id"
                          + " order by v.occurredAt, v.id",
                      EndpointEvent.class)
                  .setParameter("id", endpointId)
                  .setFirstResult(page.offset())
                  .setMaxResults(page.limit())
                  .getResultList()
                  .stream()
                  .map(EventView::of)
                  .toList();
          return Page.of(data, total, page);
        });
  }

  /** The server's recent output, with the endpoint's access token masked. */
  public LogView logs(Caller caller, String orgId, String endpointId, String lines) {
    int max = parseLines(lines);
    DedicatedEndpoint endpoint =
        transactions.inTransaction(em -> find(em, caller, orgId, endpointId, Access.READ));
    Secret token =
        endpoint.encryptedAccessToken() == null || cipher.isEmpty()
            ? null
            : cipher.get().decrypt(endpoint.encryptedAccessToken(), endpoint.id());
    List<String> output =
        platform.logs(endpointId, max).stream().map(line -> LogTail.masked(line, token)).toList();
    return new LogView(endpointId, endpoint.status().wireName(), output);
  }

  private static int parseLines(String lines) {
    if (lines == null || lines.isBlank()) {
      return 200;
    }
    try {
      int n = Integer.parseInt(lines.trim());
      if (n >= 1 && n <= MAX_LOG_LINES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AdminApiException.invalid("lines", "must be a whole number from 1 to " + MAX_LOG_LINES);
  }

  private static EndpointStatus parseStatus(String status) {
    for (EndpointStatus s : EndpointStatus.values()) {
      if (s.wireName().equals(status)) {
        return s;
      }
    }
    throw AdminApiException.invalid(
        "status", "must be one of building, up, sleeping, waking_up, failed, deleting");
  }

  /**
   * The endpoint, if the caller may see it. Another organisation's (or, under a path naming an
   * organisation, one outside it) is the same 404 as a missing one.
   */
  private static DedicatedEndpoint find(
      EntityManager em, Caller caller, String orgId, String endpointId, Access access) {
    DedicatedEndpoint endpoint =
        endpointId == null ? null : em.find(DedicatedEndpoint.class, endpointId);
    boolean visible =
        endpoint != null
            && (orgId == null || endpoint.orgId().equals(orgId))
            && (caller.role() == UserRole.PLATFORM_ADMIN
                || endpoint.orgId().equals(caller.orgId()));
    if (!visible) {
      throw AdminApiException.notFound("dedicated endpoint", endpointId);
    }
    AccessPolicy.require(
        caller,
        Area.ENDPOINT,
        access,
        new Scope(endpoint.orgId(), endpoint.teamId(), endpoint.ownerUserId()));
    return endpoint;
  }
}
