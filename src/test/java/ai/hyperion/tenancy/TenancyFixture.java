package ai.hyperion.tenancy;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.DatabaseApiKeyVerifier;
import ai.hyperion.auth.InMemoryApiKeyCache;
import ai.hyperion.auth.KeyHasher;
import ai.hyperion.auth.UserRole;
import ai.hyperion.auth.VirtualKeyFormat;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.testing.MutableClock;
import ai.hyperion.testing.TestDatabase;
import java.time.Instant;
import java.util.List;

/**
 * The services wired as the server wires them, over a test database: a bootstrapped platform admin,
 * and an org "acme" with teams alpha and beta and one user per role.
 */
final class TenancyFixture implements AutoCloseable {

  final TestDatabase db;
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  final KeyHasher hasher = new KeyHasher("test-pepper");
  final InMemoryApiKeyCache cache = new InMemoryApiKeyCache();
  final JpaKeyRecordLoader loader;
  final DatabaseApiKeyVerifier verifier;
  final OrganizationService orgs;
  final TeamService teams;
  final UserService users;
  final KeyService keys;

  final String bootstrapKey = VirtualKeyFormat.generate().key();
  final Caller platformAdmin;
  final String acme;
  final String alpha;
  final String beta;
  final Caller orgAdmin;
  final Caller teamAdmin;
  final Caller auditor;
  final Caller member;
  final Caller betaMember;

  TenancyFixture(TestDatabase db) {
    this.db = db;
    loader = new JpaKeyRecordLoader(db);
    KeyCacheRefresher refresher = new KeyCacheRefresher(loader, cache);
    verifier = new DatabaseApiKeyVerifier(cache, loader, hasher, clock);
    orgs = new OrganizationService(db, refresher);
    teams = new TeamService(db, refresher);
    users = new UserService(db, refresher);
    keys = new KeyService(db, refresher, hasher, clock);

    new TenancyBootstrap(db, hasher).ensure(bootstrapKey);
    platformAdmin = Caller.of(verifier.verify(bootstrapKey).orElseThrow());
    acme =
        orgs.create(
                platformAdmin, new OrganizationRequest("acme", null, null, true, false, null, null))
            .id();
    alpha =
        teams.create(platformAdmin, acme, new TeamRequest("alpha", null, null, null, null)).id();
    beta = teams.create(platformAdmin, acme, new TeamRequest("beta", null, null, null, null)).id();
    orgAdmin = user("owner@acme.test", UserRole.ORG_ADMIN, null);
    teamAdmin = user("lead@acme.test", UserRole.TEAM_ADMIN, alpha);
    auditor = user("audit@acme.test", UserRole.AUDITOR, null);
    member = user("dev@acme.test", UserRole.MEMBER, alpha);
    betaMember = user("other@acme.test", UserRole.MEMBER, beta);
  }

  private Caller user(String email, UserRole role, String teamId) {
    Views.UserView view =
        users.create(platformAdmin, acme, new UserRequest(email, null, role.name(), teamId, null));
    return new Caller(view.id(), acme, teamId, role);
  }

  Views.CreatedKey keyFor(Caller owner, List<String> models) {
    return keys.create(
        platformAdmin,
        acme,
        new KeyRequest(
            "k",
            owner.userId(),
            models == null ? null : java.util.Set.copyOf(models),
            null,
            null,
            null,
            null,
            null));
  }

  /** Every row's id and version: equal snapshots mean nothing changed. */
  String snapshot() {
    return db.inTransaction(
        em ->
            String.join(
                "\n",
                rows(em, Organization.class),
                rows(em, Team.class),
                rows(em, User.class),
                rows(em, VirtualKey.class)));
  }

  private static String rows(
      jakarta.persistence.EntityManager em, Class<? extends TenancyEntity> type) {
    return em
        .createQuery("select e from " + type.getSimpleName() + " e order by e.id", type)
        .getResultList()
        .stream()
        .map(
            e ->
                e.id()
                    + "@"
                    + e.version()
                    + (e instanceof VirtualKey k
                        ? ":" + k.revokedAt() + ":" + k.allowedModels()
                        : ""))
        .toList()
        .toString();
  }

  @Override
  public void close() {
    db.close();
  }
}
