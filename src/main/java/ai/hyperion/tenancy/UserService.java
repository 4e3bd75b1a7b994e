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
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.persistence.Transactions;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.tenancy.Views.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** People of an organisation and their roles. */
@ApplicationScoped
public class UserService {

  private final Transactions transactions;
  private final KeyCacheRefresher keyCache;
  private final AuditTrail audit;

  @Inject
  public UserService(Transactions transactions, KeyCacheRefresher keyCache, AuditTrail audit) {
    this.transactions = transactions;
    this.keyCache = keyCache;
    this.audit = audit;
  }

  /** For the CDI proxy only. */
  protected UserService() {
    this(null, null, null);
  }

  public Page<UserView> list(
      Caller caller, String orgId, String teamFilter, String query, PageRequest page) {
    Reach reach = AccessPolicy.reach(caller.role(), Area.USER, Access.READ);
    if (!reach.covers(caller, new Scope(orgId, caller.teamId(), caller.userId()))) {
      throw AdminApiException.forbidden(caller.role(), Access.READ, Area.USER);
    }
    return transactions.inTransaction(
        em ->
            Listing.of(User.class)
                .where("orgId", orgId)
                .where("teamId", reach == Reach.OWN_TEAM ? caller.teamId() : teamFilter)
                .where("id", reach == Reach.OWN_USER ? caller.userId() : null)
                .matching(query, "email", "displayName", "id")
                .fetch(em, page)
                .map(UserView::of));
  }

  public UserView get(Caller caller, String orgId, String userId) {
    return transactions.inTransaction(
        em -> {
          User user = find(em, orgId, userId);
          AccessPolicy.require(caller, Area.USER, Access.READ, scopeOf(user));
          return UserView.of(user);
        });
  }

  public UserView create(Caller caller, String orgId, UserRequest request) {
    UserRole role = validate(request, true);
    AccessPolicy.require(caller, Area.USER, Access.WRITE, new Scope(orgId, request.teamId(), null));
    requireMayGrant(caller, role);
    return transactions.inTransaction(
        em -> {
          OrganizationService.find(em, orgId);
          requireTeam(em, orgId, request.teamId());
          requireUniqueEmail(em, request.email(), null);
          User user =
              new User(
                  orgId, request.teamId(), request.email().trim().toLowerCase(Locale.ROOT), role);
          user.displayName(request.displayName());
          if (request.limits() != null) {
            user.limits(request.limits());
          }
          em.persist(user);
          em.flush();
          UserView created = UserView.of(user);
          audit.record(em, caller, AuditEvent.created(orgId, "user", user.id(), created));
          return created;
        });
  }

  /** A {@code teamId} of "" moves the user out of any team. */
  public UserView update(Caller caller, String orgId, String userId, UserRequest request) {
    UserRole newRole = validate(request, false);
    UserView updated =
        transactions.inTransaction(
            em -> {
              User user = find(em, orgId, userId);
              AccessPolicy.require(caller, Area.USER, Access.WRITE, scopeOf(user));
              requireMayGrant(caller, user.role());
              UserView before = UserView.of(user);
              if (request.teamId() != null) {
                String teamId = request.teamId().isEmpty() ? null : request.teamId();
                AccessPolicy.require(
                    caller, Area.USER, Access.WRITE, new Scope(orgId, teamId, userId));
                requireTeam(em, orgId, teamId);
                user.teamId(teamId);
                em.createQuery("update VirtualKey k set k.teamId = :team where k.userId = :user")
                    .setParameter("team", teamId)
                    .setParameter("user", userId)
                    .executeUpdate();
              }
              if (newRole != null) {
                requireMayGrant(caller, newRole);
                user.role(newRole);
              }
              if (request.email() != null) {
                requireUniqueEmail(em, request.email(), userId);
                user.email(request.email().trim().toLowerCase(Locale.ROOT));
              }
              if (request.displayName() != null) {
                user.displayName(request.displayName());
              }
              if (request.limits() != null) {
                requireNoSelfLoosening(caller, user, request);
                user.limits(request.limits());
              }
              em.flush();
              UserView after = UserView.of(user);
              audit.record(
                  em,
                  caller,
                  AuditEvent.changed(orgId, AuditAction.UPDATE, "user", userId, before, after));
              return after;
            });
    keyCache.refresh(keyPrefixes(userId));
    return updated;
  }

  /**
   * Deletes the user and their keys; the keys stop working at once, and are cached as revoked
   * (final) so no concurrent refresh can bring them back.
   */
  public void delete(Caller caller, String orgId, String userId) {
    if (userId.equals(caller.userId())) {
      throw AdminApiException.conflict("You cannot delete yourself.");
    }
    List<KeyRecord> revoked =
        transactions.inTransaction(
            em -> {
              User user = find(em, orgId, userId);
              AccessPolicy.require(caller, Area.USER, Access.WRITE, scopeOf(user));
              requireMayGrant(caller, user.role());
              List<KeyRecord> records = new ArrayList<>();
              List<String> deletedKeys = new ArrayList<>();
              for (VirtualKey key :
                  em.createQuery(
                          "select k from VirtualKey k where k.userId = :user", VirtualKey.class)
                      .setParameter("user", userId)
                      .getResultList()) {
                key.revoke();
                records.add(KeyRecords.resolve(em, key));
                deletedKeys.add(key.prefix());
                em.remove(key);
              }
              List<FieldChange> changes = new ArrayList<>(Changes.between(UserView.of(user), null));
              changes.add(Changes.of("deletedKeyPrefixes", deletedKeys, null));
              audit.record(
                  em, caller, new AuditEvent(orgId, AuditAction.DELETE, "user", userId, changes));
              em.flush();
              em.remove(user);
              return records;
            });
    keyCache.publish(revoked);
  }

  static User find(EntityManager em, String orgId, String userId) {
    User user = em.find(User.class, userId);
    if (user == null || !user.orgId().equals(orgId)) {
      throw AdminApiException.notFound("user", userId);
    }
    return user;
  }

  static Scope scopeOf(User user) {
    return new Scope(user.orgId(), user.teamId(), user.id());
  }

  private List<String> keyPrefixes(String userId) {
    return transactions.inTransaction(
        em ->
            em.createQuery("select k.prefix from VirtualKey k where k.userId = :user", String.class)
                .setParameter("user", userId)
                .getResultList());
  }

  private static void requireMayGrant(Caller caller, UserRole role) {
    if (!AccessPolicy.mayGrant(caller.role(), role)) {
      throw AdminApiException.forbidden(
          "The role " + caller.role() + " may not manage users with the role " + role + ".");
    }
  }

  /** Only a platform admin sets their own limits freely; anyone else may only tighten theirs. */
  private static void requireNoSelfLoosening(Caller caller, User user, UserRequest request) {
    if (!user.id().equals(caller.userId()) || caller.role() == UserRole.PLATFORM_ADMIN) {
      return;
    }
    new Narrowing()
        .limits("limits", request.limits(), Limits.NONE, user.limits())
        .budgetRef("limits.budgetRef", request.limits(), Set.of(), user.limits().budgetRef())
        .throwIfAny();
  }

  private static void requireTeam(EntityManager em, String orgId, String teamId) {
    if (teamId == null) {
      return;
    }
    Team team = em.find(Team.class, teamId);
    if (team == null || !team.orgId().equals(orgId)) {
      throw AdminApiException.invalid("teamId", "no team with this id in the organisation");
    }
  }

  private static void requireUniqueEmail(EntityManager em, String email, String exceptId) {
    boolean taken =
        em.createQuery("select u.id from User u where u.email = :email", String.class)
            .setParameter("email", email.trim().toLowerCase(Locale.ROOT))
            .getResultStream()
            .anyMatch(id -> !id.equals(exceptId));
    if (taken) {
      throw AdminApiException.invalid("email", "a user with this e-mail address already exists");
    }
  }

  /** Returns the parsed role (null when absent on update). */
  private static UserRole validate(UserRequest request, boolean creating) {
    if (request == null) {
      throw AdminApiException.invalid("body", "is required");
    }
    FieldErrors errors =
        new FieldErrors()
            .email("email", request.email(), creating)
            .limits("limits", request.limits());
    if (request.displayName() != null && request.displayName().length() > FieldErrors.MAX_NAME) {
      errors.add("displayName", "must be at most " + FieldErrors.MAX_NAME + " characters");
    }
    UserRole role = null;
    if (request.role() == null) {
      if (creating) {
        errors.add("role", "is required");
      }
    } else {
      try {
        role = UserRole.valueOf(request.role().trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add("role", "must be one of " + Arrays.toString(UserRole.values()));
      }
    }
    errors.throwIfAny();
    return role;
  }
}
