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
import ai.hyperion.audit.Changes;
import ai.hyperion.audit.FieldChange;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.auth.VirtualKeyFormat.PresentedKey;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.tenancy.Requests.Ceilings;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Views.CreatedKey;
import ai.hyperion.tenancy.Views.KeyView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The virtual key lifecycle: create (secret shown once), list (prefix only), update, rotate (the
 * old key is refused from then on) and revoke. Every change is published to the key cache after the
 * commit, so it takes effect on every member at once.
 */
@ApplicationScoped
public class KeyService {

  /** On update, {@code "expiresAt": ""} removes the expiry. */
  static final String NO_EXPIRY = "";

  private final Transactions transactions;
  private final KeyCacheRefresher keyCache;
  private final KeyHasher hasher;
  private final AuditTrail audit;
  private final Clock clock;

  @Inject
  public KeyService(
      Transactions transactions, KeyCacheRefresher keyCache, KeyHasher hasher, AuditTrail audit) {
    this(transactions, keyCache, hasher, audit, Clock.systemUTC());
  }

  public KeyService(
      Transactions transactions,
      KeyCacheRefresher keyCache,
      KeyHasher hasher,
      AuditTrail audit,
      Clock clock) {
    this.transactions = transactions;
    this.keyCache = keyCache;
    this.hasher = hasher;
    this.audit = audit;
    this.clock = clock;
  }

  /** For the CDI proxy only. */
  protected KeyService() {
    this(null, null, null, null, null);
  }

  public Page<KeyView> list(
      Caller caller,
      String orgId,
      String userFilter,
      String teamFilter,
      boolean includeRevoked,
      String query,
      PageRequest page) {
    Reach reach = AccessPolicy.reach(caller.role(), Area.KEY, Access.READ);
    if (!reach.covers(caller, new Scope(orgId, caller.teamId(), caller.userId()))) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.KEY);
    }
    Instant now = clock.instant();
    return transactions.inTransaction(
        em -> {
          Listing<VirtualKey> listing =
              Listing.of(VirtualKey.class)
                  .where("orgId", orgId)
                  .where("teamId", reach == Reach.OWN_TEAM ? caller.teamId() : teamFilter)
                  .where("userId", reach == Reach.OWN_USER ? caller.userId() : userFilter)
                  .matching(query, "name", "prefix", "id");
          if (!includeRevoked) {
            listing.whereNull("revokedAt");
          }
          return listing.fetch(em, page).map(key -> KeyView.of(key, now));
        });
  }

  public KeyView get(Caller caller, String orgId, String keyId) {
    return transactions.inTransaction(
        em -> {
          VirtualKey key = find(em, orgId, keyId);
          AccessPolicy.require(caller, Area.KEY, Access.READ, scopeOf(key));
          return KeyView.of(key, clock.instant());
        });
  }

  public CreatedKey create(Caller caller, String orgId, KeyRequest request) {
    Instant expiresAt = validate(request, true);
    Set<KeyPurpose> purposes = purposes(request);
    PresentedKey secret = VirtualKeyFormat.generate();
    CreatedKey created =
        transactions.inTransaction(
            em -> {
              String ownerId = request.userId() == null ? caller.userId() : request.userId();
              User owner = em.find(User.class, ownerId);
              if (owner == null || !owner.orgId().equals(orgId)) {
                if (!AccessPolicy.permits(caller, Area.KEY, Access.WRITE, Scope.org(orgId))) {
                  throw AdminApiException.forbidden(caller.role(), Access.WRITE, Area.KEY);
                }
                throw AdminApiException.invalid(
                    "userId", "no user with this id in the organisation");
              }
              AccessPolicy.require(caller, Area.KEY, Access.WRITE, UserService.scopeOf(owner));
              AccessPolicy.requireMayActFor(caller, owner.id(), owner.role(), Area.KEY);
              requireNarrowing(em, caller, owner, null, request, expiresAt);
              VirtualKey key =
                  new VirtualKey(
                      secret.prefix(), hasher.hashHex(secret.key()), request.name().trim(), owner);
              apply(key, request, expiresAt);
              key.purposes(purposes == null ? KeyPurpose.DEFAULT : purposes);
              em.persist(key);
              em.flush();
              KeyView view = KeyView.of(key, clock.instant());
              audit.record(em, caller, AuditEvent.created(orgId, "key", key.id(), view));
              return new CreatedKey(secret.key(), view);
            });
    keyCache.refresh(List.of(secret.prefix()));
    return created;
  }

  public KeyView update(Caller caller, String orgId, String keyId, KeyRequest request) {
    Instant expiresAt = validate(request, false);
    Set<KeyPurpose> purposes = purposes(request);
    if (request.userId() != null) {
      throw AdminApiException.invalid(
          "userId", "a key cannot change owner; create a new key instead");
    }
    KeyView updated =
        transactions.inTransaction(
            em -> {
              VirtualKey key = find(em, orgId, keyId);
              AccessPolicy.require(caller, Area.KEY, Access.WRITE, scopeOf(key));
              User owner = requireMayActForOwner(em, caller, key);
              requireNarrowing(em, caller, owner, key, request, expiresAt);
              Instant now = clock.instant();
              KeyView before = KeyView.of(key, now);
              if (request.name() != null) {
                key.name(request.name().trim());
              }
              apply(key, request, expiresAt);
              if (purposes != null) {
                key.purposes(purposes);
              }
              em.flush();
              KeyView after = KeyView.of(key, now);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(orgId, AuditAction.UPDATE, "key", keyId, before, after));
              return after;
            });
    keyCache.refresh(List.of(updated.prefix()));
    return updated;
  }

  /** Issues a new key with the same settings and revokes the old one, with no grace period. */
  public CreatedKey rotate(Caller caller, String orgId, String keyId) {
    PresentedKey secret = VirtualKeyFormat.generate();
    String[] oldPrefix = new String[1];
    CreatedKey created =
        transactions.inTransaction(
            em -> {
              VirtualKey old = find(em, orgId, keyId);
              AccessPolicy.require(caller, Area.KEY, Access.WRITE, scopeOf(old));
              requireMayActForOwner(em, caller, old);
              if (old.revoked()) {
                throw AdminApiException.conflict(
                    "Key '" + keyId + "' is revoked and cannot be rotated.");
              }
              Instant now = clock.instant();
              KeyView before = KeyView.of(old, now);
              VirtualKey next = old.successor(secret.prefix(), hasher.hashHex(secret.key()));
              em.persist(next);
              old.revoke();
              old.replacedBy(next.id());
              em.flush();
              oldPrefix[0] = old.prefix();
              List<FieldChange> changes =
                  new ArrayList<>(Changes.between(before, KeyView.of(old, now)));
              changes.add(Changes.of("successorPrefix", null, next.prefix()));
              audit.record(
                  em, caller, new AuditEvent(orgId, AuditAction.ROTATE, "key", keyId, changes));
              return new CreatedKey(secret.key(), KeyView.of(next, now));
            });
    keyCache.refresh(List.of(oldPrefix[0], secret.prefix()));
    return created;
  }

  /** Idempotent: revoking a revoked key changes nothing. */
  public KeyView revoke(Caller caller, String orgId, String keyId) {
    KeyView revoked =
        transactions.inTransaction(
            em -> {
              VirtualKey key = find(em, orgId, keyId);
              AccessPolicy.require(caller, Area.KEY, Access.WRITE, scopeOf(key));
              requireMayActForOwner(em, caller, key);
              Instant now = clock.instant();
              KeyView before = KeyView.of(key, now);
              key.revoke();
              em.flush();
              KeyView after = KeyView.of(key, now);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(orgId, AuditAction.REVOKE, "key", keyId, before, after));
              return after;
            });
    keyCache.refresh(List.of(revoked.prefix()));
    return revoked;
  }

  static VirtualKey find(EntityManager em, String orgId, String keyId) {
    VirtualKey key = em.find(VirtualKey.class, keyId);
    if (key == null || !key.orgId().equals(orgId)) {
      throw AdminApiException.notFound("key", keyId);
    }
    return key;
  }

  /** The key's owner, when the caller may act for them (never for someone above them). */
  private static User requireMayActForOwner(EntityManager em, Caller caller, VirtualKey key) {
    User owner = em.find(User.class, key.userId());
    if (owner == null) {
      throw AdminApiException.notFound("key", key.id());
    }
    AccessPolicy.requireMayActFor(caller, owner.id(), owner.role(), Area.KEY);
    return owner;
  }

  /**
   * Below org admins, a key may only narrow what its team and org allow; people editing their own
   * key may also not loosen what is set on it now (an admin may have set it).
   */
  private static void requireNarrowing(
      EntityManager em,
      Caller caller,
      User owner,
      VirtualKey current,
      KeyRequest request,
      Instant expiresAt) {
    if (AccessPolicy.governsOrganisation(caller.role())) {
      return;
    }
    Organization org = em.find(Organization.class, owner.orgId());
    Team team = owner.teamId() == null ? null : em.find(Team.class, owner.teamId());
    boolean own = current != null && caller.userId().equals(current.userId());
    Ceilings ceilings = org.ceilings();
    AllowList models =
        AllowList.of(org.allowedModels()).intersect(AllowList.of(ceilings.allowedModels()));
    AllowList providers =
        AllowList.of(org.allowedProviders()).intersect(AllowList.of(ceilings.allowedProviders()));
    Limits inherited = Narrowing.tightest(owner.limits(), org.limits(), ceilings.asLimits());
    Set<String> budgets = new HashSet<>();
    Set<String> reserved = new HashSet<>(org.metadata().keySet());
    addIfSet(budgets, owner.limits().budgetRef());
    addIfSet(budgets, org.limits().budgetRef());
    if (team != null) {
      models = models.intersect(AllowList.of(team.allowedModels()));
      providers = providers.intersect(AllowList.of(team.allowedProviders()));
      inherited = Narrowing.tightest(inherited, team.limits());
      addIfSet(budgets, team.limits().budgetRef());
      reserved.addAll(team.metadata().keySet());
    }
    new Narrowing()
        .allowList(
            "allowedModels",
            request.allowedModels(),
            models,
            own ? AllowList.of(current.allowedModels()) : AllowList.unrestricted())
        .allowList(
            "allowedProviders",
            request.allowedProviders(),
            providers,
            own ? AllowList.of(current.allowedProviders()) : AllowList.unrestricted())
        .limits("limits", request.limits(), inherited, own ? current.limits() : Limits.NONE)
        .budgetRef(
            "limits.budgetRef",
            request.limits(),
            budgets,
            own ? current.limits().budgetRef() : null)
        .metadata("metadata", request.metadata(), reserved)
        .expiry(
            "expiresAt",
            expiresAt,
            NO_EXPIRY.equals(request.expiresAt()),
            own ? current.expiresAt() : null)
        .throwIfAny();
  }

  private static void addIfSet(Set<String> names, String name) {
    if (name != null) {
      names.add(name);
    }
  }

  /** Null when the request names none (create: the default; update: unchanged). */
  private static Set<KeyPurpose> purposes(KeyRequest request) {
    if (request.purposes() == null) {
      return null;
    }
    Set<KeyPurpose> purposes = EnumSet.noneOf(KeyPurpose.class);
    for (String name : request.purposes()) {
      purposes.add(
          KeyPurpose.parse(name)
              .orElseThrow(
                  () ->
                      AdminApiException.invalid(
                          "purposes", "entries must be \"data-plane\" or \"admin\"")));
    }
    if (purposes.isEmpty()) {
      throw AdminApiException.invalid(
          "purposes", "must name at least one of \"data-plane\" and \"admin\"");
    }
    return purposes;
  }

  static Scope scopeOf(VirtualKey key) {
    return new Scope(key.orgId(), key.teamId(), key.userId());
  }

  private Instant validate(KeyRequest request, boolean creating) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors =
        new FieldErrors()
            .name("name", request.name(), creating)
            .names("allowedModels", request.allowedModels())
            .names("allowedProviders", request.allowedProviders())
            .metadata("metadata", request.metadata())
            .names("tags", request.tags())
            .limits("limits", request.limits());
    Instant expiresAt =
        NO_EXPIRY.equals(request.expiresAt()) && !creating
            ? null
            : errors.futureInstant("expiresAt", request.expiresAt(), clock.instant());
    errors.throwIfAny();
    return expiresAt;
  }

  private static void apply(VirtualKey key, KeyRequest request, Instant expiresAt) {
    if (request.allowedModels() != null) {
      key.allowedModels(request.allowedModels());
    }
    if (request.allowedProviders() != null) {
      key.allowedProviders(request.allowedProviders());
    }
    if (request.metadata() != null) {
      key.metadata(request.metadata());
    }
    if (request.tags() != null) {
      key.tags(request.tags());
    }
    if (request.limits() != null) {
      key.limits(request.limits());
    }
    if (expiresAt != null) {
      key.expiresAt(expiresAt);
    } else if (NO_EXPIRY.equals(request.expiresAt())) {
      key.expiresAt(null);
    }
  }
}
