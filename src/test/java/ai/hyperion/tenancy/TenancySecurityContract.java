package ai.hyperion.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.auth.KeyPurpose;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.UserRole;
import ai.hyperion.tenancy.Requests.Ceilings;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.tenancy.Views.CreatedKey;
import ai.hyperion.tenancy.Views.KeyView;
import ai.hyperion.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Security review 2026-11-30, findings H1, H2 and M2 (issue 8): no privilege escalation through
 * keys, keys have a purpose, nobody loosens their own limits. Run once per database.
 */
abstract class TenancySecurityContract {

  TenancyFixture f;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    f = new TenancyFixture(openDatabase());
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private AdminApiException refused(int status, Executable call) {
    String before = f.snapshot();
    AdminApiException e = assertThrows(AdminApiException.class, call);
    assertEquals(status, e.status(), e.getMessage());
    assertEquals(before, f.snapshot(), "a refused call changes nothing");
    return e;
  }

  private static KeyRequest key(String userId) {
    return new KeyRequest("k", userId, null, null, null, null, null, null);
  }

  private Caller defaultOrgUser(String email, UserRole role) {
    Views.UserView view =
        f.users.create(
            f.platformAdmin,
            TenancyBootstrap.DEFAULT_ORG_ID,
            new UserRequest(email, null, role.name(), TenancyBootstrap.DEFAULT_TEAM_ID, null));
    return new Caller(
        view.id(), TenancyBootstrap.DEFAULT_ORG_ID, TenancyBootstrap.DEFAULT_TEAM_ID, role);
  }

  // H1: key writes take on the owner's role.

  @Test
  void noAdminBelowThePlatformAdminGetsOrRotatesAPlatformAdminKey() {
    String org = TenancyBootstrap.DEFAULT_ORG_ID;
    String admin = TenancyBootstrap.ADMIN_USER_ID;
    String bootstrapKeyId = f.verifier.verify(f.bootstrapKey).orElseThrow().keyId();
    for (Caller caller :
        new Caller[] {
          defaultOrgUser("owner@default.test", UserRole.ORG_ADMIN),
          defaultOrgUser("lead@default.test", UserRole.TEAM_ADMIN)
        }) {
      refused(403, () -> f.keys.create(caller, org, key(admin)));
      refused(403, () -> f.keys.rotate(caller, org, bootstrapKeyId));
      refused(403, () -> f.keys.revoke(caller, org, bootstrapKeyId));
      refused(
          403,
          () ->
              f.keys.update(
                  caller,
                  org,
                  bootstrapKeyId,
                  new KeyRequest("mine", null, null, null, null, null, null, null)));
    }
    TenantContext still = f.verifier.verify(f.bootstrapKey).orElseThrow();
    assertEquals(UserRole.PLATFORM_ADMIN, still.role(), "the bootstrap key still works");
  }

  @Test
  void teamAdminsDoNotActOnKeysOfRolesTheyMayNotGrant() {
    String auditorInAlpha =
        f.users
            .create(
                f.platformAdmin,
                f.acme,
                new UserRequest("eye@acme.test", null, "AUDITOR", f.alpha, null))
            .id();
    String orgAdminInAlpha =
        f.users
            .create(
                f.platformAdmin,
                f.acme,
                new UserRequest("boss@acme.test", null, "ORG_ADMIN", f.alpha, null))
            .id();
    refused(403, () -> f.keys.create(f.teamAdmin, f.acme, key(auditorInAlpha)));
    refused(403, () -> f.keys.create(f.teamAdmin, f.acme, key(orgAdminInAlpha)));
    String bossKey = f.keys.create(f.orgAdmin, f.acme, key(orgAdminInAlpha)).details().id();
    refused(403, () -> f.keys.rotate(f.teamAdmin, f.acme, bossKey));
    refused(403, () -> f.keys.revoke(f.teamAdmin, f.acme, bossKey));

    // Peers and people below: allowed, as before.
    f.keys.create(f.teamAdmin, f.acme, key(f.member.userId()));
    f.keys.create(f.teamAdmin, f.acme, key(f.teamAdmin.userId()));
    f.keys.rotate(f.orgAdmin, f.acme, bossKey);
  }

  // H2: keys have a purpose.

  @Test
  void keysCreatedThroughTheApiAreDataPlaneOnlyUnlessTheyAskForMore() {
    CreatedKey app = f.keys.create(f.platformAdmin, f.acme, key(f.orgAdmin.userId()));
    assertEquals(Set.of("data-plane"), app.details().purposes());
    TenantContext tenant = f.verifier.verify(app.key()).orElseThrow();
    assertTrue(tenant.allows(KeyPurpose.DATA_PLANE));
    assertFalse(tenant.allows(KeyPurpose.ADMIN), "an application key is no admin credential");

    CreatedKey admin =
        f.keys.create(
            f.orgAdmin,
            f.acme,
            new KeyRequest("ops", null, null, null, null, null, null, null, Set.of("admin")));
    assertEquals(Set.of("admin"), admin.details().purposes());
    assertFalse(f.verifier.verify(admin.key()).orElseThrow().allows(KeyPurpose.DATA_PLANE));

    CreatedKey rotated = f.keys.rotate(f.orgAdmin, f.acme, admin.details().id());
    assertEquals(Set.of("admin"), rotated.details().purposes(), "rotation keeps the purpose");

    KeyView both =
        f.keys.update(
            f.orgAdmin,
            f.acme,
            rotated.details().id(),
            new KeyRequest(
                null, null, null, null, null, null, null, null, Set.of("admin", "data-plane")));
    assertEquals(Set.of("admin", "data-plane"), both.purposes());

    AdminApiException bad =
        refused(
            400,
            () ->
                f.keys.create(
                    f.orgAdmin,
                    f.acme,
                    new KeyRequest("x", null, null, null, null, null, null, null, Set.of("root"))));
    assertEquals("purposes", bad.param());
    refused(
        400,
        () ->
            f.keys.create(
                f.orgAdmin,
                f.acme,
                new KeyRequest("x", null, null, null, null, null, null, null, Set.of())));
  }

  @Test
  void theBootstrapKeyOpensBothPlanes() {
    TenantContext bootstrap = f.verifier.verify(f.bootstrapKey).orElseThrow();
    assertTrue(bootstrap.allows(KeyPurpose.ADMIN));
    assertTrue(bootstrap.allows(KeyPurpose.DATA_PLANE));
  }

  // M2: no self-loosening.

  @Test
  void membersCannotLoosenTheirOwnKey() {
    String keyId =
        f.keys
            .create(
                f.orgAdmin,
                f.acme,
                new KeyRequest(
                    "restricted",
                    f.member.userId(),
                    Set.of("gpt-4o-mini"),
                    null,
                    null,
                    null,
                    new Limits(10, 1000, 2, "team-budget"),
                    f.clock.instant().plus(Duration.ofDays(7)).toString()))
            .details()
            .id();
    Caller me = f.member;
    assertEquals(
        "allowedModels",
        refused(403, () -> f.keys.update(me, f.acme, keyId, models(Set.of()))).param());
    assertEquals(
        "allowedModels",
        refused(403, () -> f.keys.update(me, f.acme, keyId, models(Set.of("gpt-4o")))).param());
    assertEquals(
        "limits.requestsPerMinute",
        refused(
                403,
                () ->
                    f.keys.update(
                        me, f.acme, keyId, limits(new Limits(100, 1000, 2, "team-budget"))))
            .param());
    assertEquals(
        "limits.tokensPerMinute",
        refused(
                403,
                () ->
                    f.keys.update(
                        me, f.acme, keyId, limits(new Limits(10, null, 2, "team-budget"))))
            .param());
    assertEquals(
        "limits.budgetRef",
        refused(403, () -> f.keys.update(me, f.acme, keyId, limits(new Limits(10, 1000, 2, "x"))))
            .param());
    assertEquals(
        "expiresAt",
        refused(
                403,
                () ->
                    f.keys.update(
                        me,
                        f.acme,
                        keyId,
                        new KeyRequest(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            f.clock.instant().plus(Duration.ofDays(30)).toString())))
            .param());

    // Narrowing is fine.
    KeyView narrowed =
        f.keys.update(
            me,
            f.acme,
            keyId,
            new KeyRequest(
                null,
                null,
                Set.of("gpt-4o-mini"),
                null,
                null,
                null,
                new Limits(5, 500, 1, "team-budget"),
                f.clock.instant().plus(Duration.ofDays(1)).toString()));
    assertEquals(5, narrowed.limits().requestsPerMinute());
  }

  @Test
  void membersKeysOnlyNarrowWhatTheTeamAndOrgAllow() {
    f.teams.update(
        f.platformAdmin,
        f.acme,
        f.alpha,
        new TeamRequest(
            null,
            Set.of("gpt-4o-mini"),
            null,
            Map.of("cost-center", "alpha"),
            new Limits(50, null, null, "alpha-budget")));
    AdminApiException wider =
        refused(
            403,
            () ->
                f.keys.create(
                    f.member,
                    f.acme,
                    new KeyRequest("mine", null, Set.of("gpt-4o"), null, null, null, null, null)));
    assertEquals("allowedModels", wider.param());
    assertEquals(
        "limits.requestsPerMinute",
        refused(
                403,
                () ->
                    f.keys.create(
                        f.member,
                        f.acme,
                        new KeyRequest(
                            "mine",
                            null,
                            null,
                            null,
                            null,
                            null,
                            new Limits(500, null, null, null),
                            null)))
            .param());
    assertEquals(
        "limits.budgetRef",
        refused(
                403,
                () ->
                    f.keys.create(
                        f.member,
                        f.acme,
                        new KeyRequest(
                            "mine",
                            null,
                            null,
                            null,
                            null,
                            null,
                            new Limits(null, null, null, "someone-elses"),
                            null)))
            .param());
    assertEquals(
        "metadata.cost-center",
        refused(
                403,
                () ->
                    f.keys.create(
                        f.member,
                        f.acme,
                        new KeyRequest(
                            "mine",
                            null,
                            null,
                            null,
                            Map.of("cost-center", "free"),
                            null,
                            null,
                            null)))
            .param());
    // Within the bounds: accepted.
    f.keys.create(
        f.member,
        f.acme,
        new KeyRequest(
            "mine",
            null,
            Set.of("gpt-4o-mini"),
            null,
            Map.of("job", "ci"),
            null,
            new Limits(20, null, null, "alpha-budget"),
            null));
  }

  @Test
  void teamAdminsCannotRaiseTheirOwnOrTheirTeamsLimits() {
    f.users.update(
        f.orgAdmin,
        f.acme,
        f.teamAdmin.userId(),
        new UserRequest(null, null, null, null, new Limits(100, null, null, null)));
    AdminApiException own =
        refused(
            403,
            () ->
                f.users.update(
                    f.teamAdmin,
                    f.acme,
                    f.teamAdmin.userId(),
                    new UserRequest(null, null, null, null, new Limits(10_000, null, null, null))));
    assertEquals("limits.requestsPerMinute", own.param());
    refused(
        403,
        () ->
            f.users.update(
                f.teamAdmin,
                f.acme,
                f.teamAdmin.userId(),
                new UserRequest(null, null, null, null, new Limits(null, null, null, null))));
    refused(
        403,
        () ->
            f.teams.update(
                f.teamAdmin,
                f.acme,
                f.alpha,
                new TeamRequest(null, null, null, null, new Limits(10_000, null, null, null))));
    // Tightening their own is fine.
    f.users.update(
        f.teamAdmin,
        f.acme,
        f.teamAdmin.userId(),
        new UserRequest(null, null, null, null, new Limits(50, null, null, null)));
  }

  @Test
  void orgAdminsConfigureTheirOrgWithinThePlatformsCeilings() {
    AdminApiException notTheirs =
        refused(
            403,
            () ->
                f.orgs.update(
                    f.orgAdmin,
                    f.acme,
                    new OrganizationRequest(
                        null, null, null, null, null, null, null, Ceilings.NONE)));
    assertEquals("ceilings", notTheirs.param());

    f.orgs.update(
        f.platformAdmin,
        f.acme,
        new OrganizationRequest(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new Ceilings(Set.of("gpt-4o-mini", "gpt-4o"), Set.of(), 100, null, 10)));
    assertEquals(
        "allowedModels",
        refused(
                403,
                () ->
                    f.orgs.update(
                        f.orgAdmin,
                        f.acme,
                        new OrganizationRequest(null, Set.of("o3"), null, null, null, null, null)))
            .param());
    assertEquals(
        "limits.requestsPerMinute",
        refused(
                403,
                () ->
                    f.orgs.update(
                        f.orgAdmin,
                        f.acme,
                        new OrganizationRequest(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            new Limits(1000, null, null, null))))
            .param());
    f.orgs.update(
        f.orgAdmin,
        f.acme,
        new OrganizationRequest(
            null, Set.of("gpt-4o"), null, null, null, null, new Limits(80, null, null, null)));

    // The ceiling holds whatever the org says: an org with no list of its own gets the ceiling's.
    f.orgs.update(
        f.orgAdmin,
        f.acme,
        new OrganizationRequest(
            null, Set.of(), null, null, null, null, new Limits(null, null, null, null)));
    TenantContext tenant = f.verifier.verify(f.keyFor(f.member, null).key()).orElseThrow();
    assertTrue(tenant.mayUse("gpt-4o-mini"));
    assertFalse(tenant.mayUse("o3"));
    assertEquals(100, tenant.limits().org().requestsPerMinute());
    assertEquals(10, tenant.limits().org().maxConcurrentRequests());
  }

  private static KeyRequest models(Set<String> models) {
    return new KeyRequest(null, null, models, null, null, null, null, null);
  }

  private static KeyRequest limits(Limits limits) {
    return new KeyRequest(null, null, null, null, null, null, limits, null);
  }
}
