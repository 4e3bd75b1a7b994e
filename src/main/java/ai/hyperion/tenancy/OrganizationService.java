package ai.hyperion.tenancy;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldError;
import ai.hyperion.admin.FieldErrors;
import ai.hyperion.admin.Listing;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Reach;
import ai.hyperion.admin.Scope;
import ai.hyperion.audit.AuditAction;
import ai.hyperion.audit.AuditEvent;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.tenancy.Requests.Ceilings;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Views.OrganizationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** Organisations: created and deleted by platform admins, configured by their org admins. */
@ApplicationScoped
public class OrganizationService {

  private final Transactions transactions;
  private final KeyCacheRefresher keyCache;
  private final AuditTrail audit;

  @Inject
  public OrganizationService(
      Transactions transactions, KeyCacheRefresher keyCache, AuditTrail audit) {
    this.transactions = transactions;
    this.keyCache = keyCache;
    this.audit = audit;
  }

  /** For the CDI proxy only. */
  protected OrganizationService() {
    this(null, null, null);
  }

  public Page<OrganizationView> list(Caller caller, String query, PageRequest page) {
    Reach reach = AccessPolicy.reach(caller.role(), Area.ORG, Access.READ);
    if (reach == Reach.NONE) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.ORG);
    }
    return transactions.inTransaction(
        em ->
            Listing.of(Organization.class)
                .where("id", reach == Reach.ALL ? null : caller.orgId())
                .matching(query, "name", "id")
                .fetch(em, page)
                .map(OrganizationView::of));
  }

  public OrganizationView get(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(orgId));
    return transactions.inTransaction(em -> OrganizationView.of(find(em, orgId)));
  }

  public OrganizationView create(Caller caller, OrganizationRequest request) {
    AccessPolicy.require(caller, Area.PLATFORM, Access.WRITE, Scope.org(caller.orgId()));
    validate(request, true);
    return transactions.inTransaction(
        em -> {
          requireUniqueName(em, request.name().trim(), null);
          Organization org = new Organization(request.name().trim());
          apply(org, request);
          em.persist(org);
          em.flush();
          OrganizationView created = OrganizationView.of(org);
          audit.record(em, caller, AuditEvent.created(org.id(), "org", org.id(), created));
          return created;
        });
  }

  public OrganizationView update(Caller caller, String orgId, OrganizationRequest request) {
    AccessPolicy.require(caller, Area.ORG, Access.WRITE, Scope.org(orgId));
    validate(request, false);
    boolean platform = caller.role() == UserRole.PLATFORM_ADMIN;
    if (request.ceilings() != null && !platform) {
      throw new AdminApiException(
          403,
          "forbidden",
          "ceilings: only a platform administrator sets an organisation's ceilings.",
          List.of(new FieldError("ceilings", "may be set by a platform administrator only")));
    }
    OrganizationView updated =
        transactions.inTransaction(
            em -> {
              Organization org = find(em, orgId);
              if (!platform) {
                requireWithinCeilings(org.ceilings(), request);
              }
              OrganizationView before = OrganizationView.of(org);
              if (request.name() != null) {
                requireUniqueName(em, request.name().trim(), orgId);
                org.name(request.name().trim());
              }
              apply(org, request);
              em.flush();
              OrganizationView after = OrganizationView.of(org);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(orgId, AuditAction.UPDATE, "org", orgId, before, after));
              return after;
            });
    keyCache.refresh(keyPrefixes(orgId));
    return updated;
  }

  public void delete(Caller caller, String orgId) {
    AccessPolicy.require(caller, Area.PLATFORM, Access.WRITE, Scope.org(orgId));
    if (orgId.equals(caller.orgId())) {
      throw AdminApiException.conflict("You cannot delete your own organisation.");
    }
    transactions.inTransaction(
        em -> {
          Organization org = find(em, orgId);
          long dependents =
              count(em, "select count(t) from Team t where t.orgId = :org", orgId)
                  + count(em, "select count(u) from User u where u.orgId = :org", orgId);
          if (dependents > 0) {
            throw AdminApiException.conflict(
                "Organisation '" + orgId + "' still has teams or users: delete them first.");
          }
          audit.record(
              em, caller, AuditEvent.deleted(orgId, "org", orgId, OrganizationView.of(org)));
          em.remove(org);
          return null;
        });
  }

  /** Org admins configure their org inside the ceilings a platform admin set for it. */
  private static void requireWithinCeilings(Ceilings ceilings, OrganizationRequest request) {
    new Narrowing()
        .allowList(
            "allowedModels",
            request.allowedModels(),
            AllowList.of(ceilings.allowedModels()),
            AllowList.unrestricted())
        .allowList(
            "allowedProviders",
            request.allowedProviders(),
            AllowList.of(ceilings.allowedProviders()),
            AllowList.unrestricted())
        .limits("limits", request.limits(), ceilings.asLimits(), Limits.NONE)
        .throwIfAny();
  }

  static Organization find(EntityManager em, String orgId) {
    Organization org = em.find(Organization.class, orgId);
    if (org == null) {
      throw AdminApiException.notFound("organisation", orgId);
    }
    return org;
  }

  private List<String> keyPrefixes(String orgId) {
    return transactions.inTransaction(
        em ->
            em.createQuery("select k.prefix from VirtualKey k where k.orgId = :org", String.class)
                .setParameter("org", orgId)
                .getResultList());
  }

  private static long count(EntityManager em, String jpql, String orgId) {
    return em.createQuery(jpql, Long.class).setParameter("org", orgId).getSingleResult();
  }

  private static void requireUniqueName(EntityManager em, String name, String exceptId) {
    boolean taken =
        em.createQuery("select o.id from Organization o where o.name = :name", String.class)
            .setParameter("name", name)
            .getResultStream()
            .anyMatch(id -> !id.equals(exceptId));
    if (taken) {
      throw AdminApiException.invalid("name", "an organisation with this name already exists");
    }
  }

  private static void validate(OrganizationRequest request, boolean creating) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors =
        new FieldErrors()
            .name("name", request.name(), creating)
            .names("allowedModels", request.allowedModels())
            .names("allowedProviders", request.allowedProviders())
            .metadata("metadata", request.metadata())
            .limits("limits", request.limits());
    if (request.ceilings() != null) {
      Ceilings c = request.ceilings();
      errors
          .names("ceilings.allowedModels", c.allowedModels())
          .names("ceilings.allowedProviders", c.allowedProviders())
          .limits(
              "ceilings",
              new Limits(
                  c.requestsPerMinute(), c.tokensPerMinute(), c.maxConcurrentRequests(), null));
    }
    errors.throwIfAny();
  }

  private static void apply(Organization org, OrganizationRequest request) {
    if (request.allowedModels() != null) {
      org.allowedModels(request.allowedModels());
    }
    if (request.allowedProviders() != null) {
      org.allowedProviders(request.allowedProviders());
    }
    if (request.autoRoutingEnabled() != null) {
      org.autoRoutingEnabled(request.autoRoutingEnabled());
    }
    if (request.smartRoutingEnabled() != null) {
      org.smartRoutingEnabled(request.smartRoutingEnabled());
    }
    if (request.metadata() != null) {
      org.metadata(request.metadata());
    }
    if (request.limits() != null) {
      org.limits(request.limits());
    }
    if (request.ceilings() != null) {
      org.ceilings(request.ceilings());
    }
  }
}
