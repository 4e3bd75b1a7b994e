package ai.hyperion.tenancy;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Listing;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Reach;
import ai.hyperion.admin.Scope;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Views.TeamView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Teams inside an organisation. */
@ApplicationScoped
public class TeamService {

  private final Transactions transactions;
  private final KeyCacheRefresher keyCache;
  private final AuditTrail audit;

  @Inject
  public TeamService(Transactions transactions, KeyCacheRefresher keyCache, AuditTrail audit) {
    this.transactions = transactions;
    this.keyCache = keyCache;
    this.audit = audit;
  }

  /** For the CDI proxy only. */
  protected TeamService() {
    this(null, null, null);
  }

  public Page<TeamView> list(Caller caller, String orgId, String query, PageRequest page) {
    Reach reach = AccessPolicy.reach(caller.role(), Area.TEAM, Access.READ);
    if (!reach.covers(caller, Scope.team(orgId, caller.teamId()))) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.TEAM);
    }
    return transactions.inTransaction(
        em ->
            Listing.of(Team.class)
                .where("orgId", orgId)
                .where("id", reach == Reach.OWN_TEAM ? caller.teamId() : null)
                .matching(query, "name", "id")
                .fetch(em, page)
                .map(TeamView::of));
  }

  public TeamView get(Caller caller, String orgId, String teamId) {
    AccessPolicy.require(caller, Area.TEAM, Access.READ, Scope.team(orgId, teamId));
    return transactions.inTransaction(em -> TeamView.of(find(em, orgId, teamId)));
  }

  public TeamView create(Caller caller, String orgId, TeamRequest request) {
    AccessPolicy.require(caller, Area.TEAM, Access.WRITE, Scope.org(orgId));
    validate(request, true);
    return transactions.inTransaction(
        em -> {
          OrganizationService.find(em, orgId);
          requireUniqueName(em, orgId, request.name().trim(), null);
          Team team = new Team(orgId, request.name().trim());
          apply(team, request);
          em.persist(team);
          em.flush();
          TeamView created = TeamView.of(team);
          audit.record(em, caller, AuditEvent.created(orgId, "team", team.id(), created));
          return created;
        });
  }

  public TeamView update(Caller caller, String orgId, String teamId, TeamRequest request) {
    AccessPolicy.require(caller, Area.TEAM, Access.WRITE, Scope.team(orgId, teamId));
    validate(request, false);
    TeamView updated =
        transactions.inTransaction(
            em -> {
              Team team = find(em, orgId, teamId);
              TeamView before = TeamView.of(team);
              if (request.name() != null) {
                requireUniqueName(em, orgId, request.name().trim(), teamId);
                team.name(request.name().trim());
              }
              apply(team, request);
              em.flush();
              TeamView after = TeamView.of(team);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(orgId, AuditAction.UPDATE, "team", teamId, before, after));
              return after;
            });
    keyCache.refresh(
        transactions.inTransaction(
            em ->
                em.createQuery(
                        "select k.prefix from VirtualKey k where k.teamId = :team", String.class)
                    .setParameter("team", teamId)
                    .getResultList()));
    return updated;
  }

  public void delete(Caller caller, String orgId, String teamId) {
    AccessPolicy.require(caller, Area.TEAM, Access.WRITE, Scope.team(orgId, teamId));
    transactions.inTransaction(
        em -> {
          Team team = find(em, orgId, teamId);
          long users =
              em.createQuery("select count(u) from User u where u.teamId = :team", Long.class)
                  .setParameter("team", teamId)
                  .getSingleResult();
          long keys =
              em.createQuery("select count(k) from VirtualKey k where k.teamId = :team", Long.class)
                  .setParameter("team", teamId)
                  .getSingleResult();
          if (users + keys > 0) {
            throw AdminApiException.conflict(
                "Team '" + teamId + "' still has users or keys: move or delete them first.");
          }
          audit.record(em, caller, AuditEvent.deleted(orgId, "team", teamId, TeamView.of(team)));
          em.remove(team);
          return null;
        });
  }

  static Team find(EntityManager em, String orgId, String teamId) {
    Team team = em.find(Team.class, teamId);
    if (team == null || !team.orgId().equals(orgId)) {
      throw AdminApiException.notFound("team", teamId);
    }
    return team;
  }

  private static void requireUniqueName(
      EntityManager em, String orgId, String name, String exceptId) {
    List<String> ids =
        em.createQuery(
                "select t.id from Team t where t.orgId = :org and t.name = :name", String.class)
            .setParameter("org", orgId)
            .setParameter("name", name)
            .getResultList();
    if (ids.stream().anyMatch(id -> !id.equals(exceptId))) {
      throw AdminApiException.invalid(
          "name", "a team with this name already exists in the organisation");
    }
  }

  private static void validate(TeamRequest request, boolean creating) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    new FieldErrors()
        .name("name", request.name(), creating)
        .names("allowedModels", request.allowedModels())
        .names("allowedProviders", request.allowedProviders())
        .metadata("metadata", request.metadata())
        .limits("limits", request.limits())
        .throwIfAny();
  }

  private static void apply(Team team, TeamRequest request) {
    if (request.allowedModels() != null) {
      team.allowedModels(request.allowedModels());
    }
    if (request.allowedProviders() != null) {
      team.allowedProviders(request.allowedProviders());
    }
    if (request.metadata() != null) {
      team.metadata(request.metadata());
    }
    if (request.limits() != null) {
      team.limits(request.limits());
    }
  }
}
