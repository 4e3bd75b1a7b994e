package ai.hyperion.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldError;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.auth.DatabaseApiKeyVerifier;
import ai.hyperion.auth.InMemoryApiKeyCache;
import ai.hyperion.auth.KeyRecord;
import ai.hyperion.auth.KeyStatus;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.UserRole;
import ai.hyperion.error.AuthenticationException;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.tenancy.Views.CreatedKey;
import ai.hyperion.tenancy.Views.KeyView;
import ai.hyperion.tenancy.Views.TeamView;
import ai.hyperion.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The tenancy services against a real database; run once per database by its subclasses. */
abstract class TenancyServicesContract {

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

  /** Asserts a 403 and that the database is exactly as before. */
  private void assertForbiddenAndUnchanged(Executable call) {
    String before = f.snapshot();
    AdminApiException e = assertThrows(AdminApiException.class, call);
    assertEquals(403, e.status(), e.getMessage());
    assertEquals(before, f.snapshot());
  }

  private static KeyRequest keyNamed(String name, String userId) {
    return new KeyRequest(name, userId, null, null, null, null, null, null);
  }

  @Test
  void theBootstrapKeyBelongsToAPlatformAdminInTheDefaultOrg() {
    TenantContext tenant = f.verifier.verify(f.bootstrapKey).orElseThrow();
    assertEquals(TenancyBootstrap.DEFAULT_ORG_ID, tenant.orgId());
    assertEquals(UserRole.PLATFORM_ADMIN, tenant.role());
    assertTrue(tenant.autoRoutingEnabled());
  }

  @Test
  void aChangedBootstrapKeyIsAddedButARevokedOneStaysRevoked() {
    TenancyBootstrap bootstrap = new TenancyBootstrap(f.db, f.hasher);
    assertEquals(TenancyBootstrap.Outcome.UNCHANGED, bootstrap.ensure(f.bootstrapKey));
    String operatorsKey = "changeme-but-long-enough";
    assertEquals(TenancyBootstrap.Outcome.KEY_ADDED, bootstrap.ensure(operatorsKey));
    TenantContext admin = f.verifier.verify(operatorsKey).orElseThrow();
    assertEquals(TenancyBootstrap.ADMIN_USER_ID, admin.userId());
    assertEquals(UserRole.PLATFORM_ADMIN, admin.role());

    f.keys.revoke(Caller.of(admin), TenancyBootstrap.DEFAULT_ORG_ID, admin.keyId());
    assertEquals(TenancyBootstrap.Outcome.UNCHANGED, bootstrap.ensure(operatorsKey));
    assertThrows(AuthenticationException.class, () -> f.verifier.verify(operatorsKey));
  }

  @Test
  void orgAdminManagesTeamsUsersAndKeysOfTheirOrgOnly() {
    Caller admin = f.orgAdmin;
    String gamma =
        f.teams.create(admin, f.acme, new TeamRequest("gamma", null, null, null, null)).id();
    String newUser =
        f.users
            .create(admin, f.acme, new UserRequest("new@acme.test", null, "MEMBER", gamma, null))
            .id();
    CreatedKey key = f.keys.create(admin, f.acme, keyNamed("for-new", newUser));
    f.keys.revoke(admin, f.acme, key.details().id());
    f.orgs.update(
        admin,
        f.acme,
        new OrganizationRequest(null, Set.of("gpt-4o"), null, null, null, null, null));
    assertEquals(Set.of("gpt-4o"), f.orgs.get(admin, f.acme).allowedModels());

    assertForbiddenAndUnchanged(
        () ->
            f.orgs.create(
                admin, new OrganizationRequest("other", null, null, null, null, null, null)));
    assertForbiddenAndUnchanged(() -> f.orgs.get(admin, TenancyBootstrap.DEFAULT_ORG_ID));
    assertForbiddenAndUnchanged(
        () ->
            f.teams.create(
                admin,
                TenancyBootstrap.DEFAULT_ORG_ID,
                new TeamRequest("x", null, null, null, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.users.create(
                admin,
                f.acme,
                new UserRequest("boss@acme.test", null, "PLATFORM_ADMIN", null, null)));
    assertForbiddenAndUnchanged(() -> f.orgs.delete(admin, f.acme));
  }

  @Test
  void teamAdminManagesUsersAndKeysOfTheirTeamOnly() {
    Caller lead = f.teamAdmin;
    String recruit =
        f.users
            .create(
                lead, f.acme, new UserRequest("recruit@acme.test", null, "MEMBER", f.alpha, null))
            .id();
    CreatedKey recruitKey = f.keys.create(lead, f.acme, keyNamed("recruit", recruit));
    f.keys.rotate(lead, f.acme, recruitKey.details().id());
    assertEquals(
        Set.of(f.alpha),
        Set.copyOf(
            f.teams.list(lead, f.acme, null, PageRequest.first()).data().stream()
                .map(Views.TeamView::id)
                .toList()));
    assertTrue(
        f.users.list(lead, f.acme, null, null, PageRequest.first()).data().stream()
            .allMatch(u -> f.alpha.equals(u.teamId())));

    CreatedKey betaKey = f.keyFor(f.betaMember, null);
    assertForbiddenAndUnchanged(() -> f.keys.revoke(lead, f.acme, betaKey.details().id()));
    assertForbiddenAndUnchanged(
        () -> f.keys.create(lead, f.acme, keyNamed("sneaky", f.betaMember.userId())));
    assertForbiddenAndUnchanged(
        () ->
            f.users.create(
                lead, f.acme, new UserRequest("b@acme.test", null, "MEMBER", f.beta, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.users.create(
                lead, f.acme, new UserRequest("c@acme.test", null, "ORG_ADMIN", f.alpha, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.users.update(lead, f.acme, recruit, new UserRequest(null, null, null, f.beta, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.teams.update(
                lead, f.acme, f.alpha, new TeamRequest(null, Set.of(), null, null, null)));
    assertForbiddenAndUnchanged(() -> f.teams.get(lead, f.acme, f.beta));
  }

  @Test
  void auditorReadsTheWholeOrgAndChangesNothing() {
    Caller auditor = f.auditor;
    CreatedKey memberKey = f.keyFor(f.member, null);
    assertEquals(5, f.users.list(auditor, f.acme, null, null, PageRequest.first()).total());
    assertEquals(2, f.teams.list(auditor, f.acme, null, PageRequest.first()).total());
    assertEquals(
        memberKey.details().id(), f.keys.get(auditor, f.acme, memberKey.details().id()).id());
    assertEquals(
        1, f.keys.list(auditor, f.acme, null, null, false, null, PageRequest.first()).total());

    assertForbiddenAndUnchanged(() -> f.keys.revoke(auditor, f.acme, memberKey.details().id()));
    assertForbiddenAndUnchanged(() -> f.keys.create(auditor, f.acme, keyNamed("mine", null)));
    assertForbiddenAndUnchanged(
        () -> f.teams.create(auditor, f.acme, new TeamRequest("t", null, null, null, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.users.update(
                auditor, f.acme, f.member.userId(), new UserRequest(null, "x", null, null, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.orgs.update(
                auditor,
                f.acme,
                new OrganizationRequest("renamed", null, null, null, null, null, null)));
    assertForbiddenAndUnchanged(
        () ->
            f.keys.list(
                auditor,
                TenancyBootstrap.DEFAULT_ORG_ID,
                null,
                null,
                false,
                null,
                PageRequest.first()));
  }

  @Test
  void memberManagesOnlyTheirOwnKeys() {
    Caller member = f.member;
    CreatedKey own = f.keys.create(member, f.acme, keyNamed("laptop", null));
    assertEquals(member.userId(), own.details().userId());
    CreatedKey rotated = f.keys.rotate(member, f.acme, own.details().id());
    f.keys.revoke(member, f.acme, rotated.details().id());
    List<KeyView> listed =
        f.keys.list(member, f.acme, null, null, true, null, PageRequest.first()).data();
    assertEquals(2, listed.size());
    assertTrue(listed.stream().allMatch(k -> k.userId().equals(member.userId())));

    CreatedKey teammates = f.keyFor(f.teamAdmin, null);
    assertForbiddenAndUnchanged(() -> f.keys.revoke(member, f.acme, teammates.details().id()));
    assertForbiddenAndUnchanged(() -> f.keys.get(member, f.acme, teammates.details().id()));
    assertForbiddenAndUnchanged(
        () -> f.keys.create(member, f.acme, keyNamed("for-lead", f.teamAdmin.userId())));
    assertEquals(
        List.of(member.userId()),
        f.users.list(member, f.acme, null, null, PageRequest.first()).data().stream()
            .map(Views.UserView::id)
            .toList());
    assertForbiddenAndUnchanged(() -> f.users.get(member, f.acme, f.teamAdmin.userId()));
    assertForbiddenAndUnchanged(
        () ->
            f.users.update(
                member,
                f.acme,
                member.userId(),
                new UserRequest(null, null, "ORG_ADMIN", null, null)));
    assertForbiddenAndUnchanged(() -> f.teams.list(member, f.acme, null, PageRequest.first()));
  }

  @Test
  void keyLifecycleCreateUseRotateRevoke() {
    CreatedKey created = f.keys.create(f.member, f.acme, keyNamed("ci", null));
    assertTrue(created.key().startsWith("hk-" + created.details().prefix() + "_"));
    TenantContext tenant = f.verifier.verify(created.key()).orElseThrow();
    assertEquals(f.acme, tenant.orgId());
    assertEquals(f.alpha, tenant.teamId());
    assertEquals(f.member.userId(), tenant.userId());
    assertEquals(created.details().id(), tenant.keyId());

    CreatedKey rotated = f.keys.rotate(f.member, f.acme, created.details().id());
    assertNotEquals(created.details().prefix(), rotated.details().prefix());
    AuthenticationException old =
        assertThrows(AuthenticationException.class, () -> f.verifier.verify(created.key()));
    assertEquals("revoked_api_key", old.code());
    assertEquals(rotated.details().id(), f.verifier.verify(rotated.key()).orElseThrow().keyId());
    assertEquals(
        rotated.details().id(), f.keys.get(f.member, f.acme, created.details().id()).replacedBy());

    f.keys.revoke(f.member, f.acme, rotated.details().id());
    assertThrows(AuthenticationException.class, () -> f.verifier.verify(rotated.key()));
    assertEquals("revoked", f.keys.get(f.member, f.acme, rotated.details().id()).status());
    AdminApiException again =
        assertThrows(
            AdminApiException.class, () -> f.keys.rotate(f.member, f.acme, rotated.details().id()));
    assertEquals(409, again.status());
  }

  @Test
  void revocationHoldsAfterTheCacheForgetsTheKey() {
    CreatedKey created = f.keyFor(f.member, null);
    f.keys.revoke(f.orgAdmin, f.acme, created.details().id());
    // A fresh instance with a cold cache reads the revocation from the database.
    DatabaseApiKeyVerifier cold =
        new DatabaseApiKeyVerifier(new InMemoryApiKeyCache(), f.loader, f.hasher, f.clock);
    assertThrows(AuthenticationException.class, () -> cold.verify(created.key()));
  }

  @Test
  void listingsShowThePrefixButNeverTheSecret() {
    CreatedKey created = f.keyFor(f.member, null);
    KeyView listed =
        f.keys
            .list(f.orgAdmin, f.acme, f.member.userId(), null, false, null, PageRequest.first())
            .data()
            .get(0);
    assertEquals(created.details().prefix(), listed.prefix());
    assertEquals("hk-" + listed.prefix() + "_...", listed.display());
    String secret = created.key().substring(12);
    assertFalse(listed.toString().contains(secret));
    assertFalse(created.toString().contains(secret));
  }

  @Test
  void allowedModelsAreTheIntersectionOfKeyTeamAndOrg() {
    f.orgs.update(
        f.orgAdmin,
        f.acme,
        new OrganizationRequest(
            null,
            Set.of("gpt-4o", "gpt-4o-mini", "claude-haiku-4-5"),
            null,
            null,
            null,
            null,
            null));
    f.teams.update(
        f.orgAdmin,
        f.acme,
        f.alpha,
        new TeamRequest(null, Set.of("gpt-4o-mini", "claude-haiku-4-5"), null, null, null));
    CreatedKey key = f.keyFor(f.member, List.of("gpt-4o", "gpt-4o-mini"));
    TenantContext tenant = f.verifier.verify(key.key()).orElseThrow();
    assertTrue(tenant.mayUse("gpt-4o-mini"));
    assertFalse(tenant.mayUse("gpt-4o"), "the team does not allow gpt-4o");
    assertFalse(tenant.mayUse("claude-haiku-4-5"), "the key does not allow claude");
    assertFalse(tenant.mayUse("o3"), "the org does not allow o3");

    // Narrowing the team applies to existing keys at once.
    f.teams.update(
        f.orgAdmin,
        f.acme,
        f.alpha,
        new TeamRequest(null, Set.of("claude-haiku-4-5"), null, null, null));
    TenantContext narrowed = f.verifier.verify(key.key()).orElseThrow();
    assertFalse(narrowed.mayUse("gpt-4o-mini"));
    assertTrue(narrowed.models().restricted());
    assertTrue(narrowed.models().names().isEmpty());

    CreatedKey open = f.keyFor(f.betaMember, null);
    TenantContext orgOnly = f.verifier.verify(open.key()).orElseThrow();
    assertEquals(Set.of("gpt-4o", "gpt-4o-mini", "claude-haiku-4-5"), orgOnly.models().names());
  }

  @Test
  void keysExpireAtTheirExpiryTime() {
    String expiresAt = f.clock.instant().plus(Duration.ofHours(1)).toString();
    CreatedKey key =
        f.keys.create(
            f.member,
            f.acme,
            new KeyRequest("short-lived", null, null, null, null, null, null, expiresAt));
    assertTrue(f.verifier.verify(key.key()).isPresent());
    f.clock.advance(Duration.ofHours(1));
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> f.verifier.verify(key.key()));
    assertEquals("expired_api_key", e.code());
    assertEquals("expired", f.keys.get(f.member, f.acme, key.details().id()).status());

    KeyRequest noExpiry = new KeyRequest(null, null, null, null, null, null, null, "");
    AdminApiException own =
        assertThrows(
            AdminApiException.class,
            () -> f.keys.update(f.member, f.acme, key.details().id(), noExpiry));
    assertEquals(403, own.status());
    assertEquals("expiresAt", own.param(), "members cannot lift the expiry of their own key");
    f.keys.update(f.orgAdmin, f.acme, key.details().id(), noExpiry);
    assertTrue(f.verifier.verify(key.key()).isPresent(), "an empty expiresAt removes the expiry");
  }

  @Test
  void tenantContextCarriesLimitsMetadataAndTagsOfEveryLevel() {
    f.orgs.update(
        f.orgAdmin,
        f.acme,
        new OrganizationRequest(
            null,
            null,
            Set.of("openai"),
            null,
            true,
            Map.of("cost-center", "42", "env", "org"),
            new Limits(1000, null, null, "org-budget")));
    CreatedKey key =
        f.keys.create(
            f.orgAdmin,
            f.acme,
            new KeyRequest(
                "tagged",
                f.member.userId(),
                null,
                null,
                Map.of("env", "ci"),
                Set.of("nightly"),
                new Limits(10, 5000, 2, null),
                null));
    TenantContext tenant = f.verifier.verify(key.key()).orElseThrow();
    assertEquals(Map.of("cost-center", "42", "env", "ci"), tenant.metadata());
    assertEquals(Set.of("nightly"), tenant.tags());
    assertEquals(10, tenant.limits().key().requestsPerMinute());
    assertEquals("org-budget", tenant.limits().org().budgetRef());
    assertTrue(tenant.mayUseProvider("openai"));
    assertFalse(tenant.mayUseProvider("anthropic"));
    assertTrue(tenant.smartRoutingEnabled());
  }

  @Test
  void validationErrorsNameEveryBadField() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                f.keys.create(
                    f.member,
                    f.acme,
                    new KeyRequest(
                        " ",
                        null,
                        Set.of(""),
                        null,
                        null,
                        null,
                        new Limits(0, null, null, null),
                        "tomorrow")));
    assertEquals(400, e.status());
    assertEquals("name", e.param());
    assertEquals(
        List.of("name", "allowedModels", "limits.requestsPerMinute", "expiresAt"),
        e.fieldErrors().stream().map(FieldError::field).toList());

    AdminApiException role =
        assertThrows(
            AdminApiException.class,
            () ->
                f.users.create(
                    f.orgAdmin,
                    f.acme,
                    new UserRequest("not-an-email", null, "WIZARD", null, null)));
    assertEquals(
        List.of("email", "role"), role.fieldErrors().stream().map(FieldError::field).toList());

    AdminApiException duplicate =
        assertThrows(
            AdminApiException.class,
            () ->
                f.teams.create(
                    f.orgAdmin, f.acme, new TeamRequest("alpha", null, null, null, null)));
    assertEquals("name", duplicate.param());

    AdminApiException past =
        assertThrows(
            AdminApiException.class,
            () ->
                f.keys.create(
                    f.member,
                    f.acme,
                    new KeyRequest(
                        "k", null, null, null, null, null, null, "2000-01-01T00:00:00Z")));
    assertEquals("expiresAt", past.param());
  }

  @Test
  void listingsArePaged() {
    for (int i = 0; i < 7; i++) {
      f.keys.create(f.member, f.acme, keyNamed("k" + i, null));
    }
    Page<KeyView> first =
        f.keys.list(f.member, f.acme, null, null, false, null, PageRequest.of(0, 3));
    Page<KeyView> last =
        f.keys.list(f.member, f.acme, null, null, false, null, PageRequest.of(6, 3));
    assertEquals(7, first.total());
    assertEquals(3, first.data().size());
    assertTrue(first.hasMore());
    assertEquals(1, last.data().size());
    assertFalse(last.hasMore());
    AdminApiException bad = assertThrows(AdminApiException.class, () -> PageRequest.of(-1, 1000));
    assertEquals(
        List.of("offset", "limit"), bad.fieldErrors().stream().map(FieldError::field).toList());
  }

  @Test
  void deletingAUserStopsTheirKeysAndTeamsWithUsersCannotBeDeleted() {
    CreatedKey key = f.keyFor(f.betaMember, null);
    assertTrue(f.verifier.verify(key.key()).isPresent());
    assertEquals(
        409,
        assertThrows(AdminApiException.class, () -> f.teams.delete(f.orgAdmin, f.acme, f.beta))
            .status());
    f.users.delete(f.orgAdmin, f.acme, f.betaMember.userId());
    assertThrows(AuthenticationException.class, () -> f.verifier.verify(key.key()));
    // A refresh that read the key before it was deleted cannot bring it back.
    f.cache.publish(
        new KeyRecord(
            key.details().prefix(),
            KeyStatus.ACTIVE,
            f.hasher.hash(key.key()),
            KeyRecord.NEVER,
            f.verifier.verify(f.bootstrapKey).orElseThrow()));
    assertThrows(AuthenticationException.class, () -> f.verifier.verify(key.key()));
    DatabaseApiKeyVerifier cold =
        new DatabaseApiKeyVerifier(new InMemoryApiKeyCache(), f.loader, f.hasher, f.clock);
    assertTrue(cold.verify(key.key()).isEmpty());
    f.teams.delete(f.orgAdmin, f.acme, f.beta);
    assertEquals(
        404,
        assertThrows(AdminApiException.class, () -> f.teams.get(f.orgAdmin, f.acme, f.beta))
            .status());
  }

  @Test
  void roleChangesReachTheKeysAtOnce() {
    CreatedKey key = f.keyFor(f.member, null);
    assertEquals(UserRole.MEMBER, f.verifier.verify(key.key()).orElseThrow().role());
    f.users.update(
        f.orgAdmin, f.acme, f.member.userId(), new UserRequest(null, null, "AUDITOR", null, null));
    assertEquals(UserRole.AUDITOR, f.verifier.verify(key.key()).orElseThrow().role());
  }

  @Test
  void searchMatchesNamesIgnoringCaseAndTakesWildcardsLiterally() {
    f.keys.create(f.member, f.acme, keyNamed("Checkout-API", null));
    f.keys.create(f.member, f.acme, keyNamed("100%_done", null));
    f.keys.create(f.member, f.acme, keyNamed("1000 done", null));
    List<String> checkout =
        f
            .keys
            .list(f.member, f.acme, null, null, false, "checkout", PageRequest.first())
            .data()
            .stream()
            .map(KeyView::name)
            .toList();
    assertEquals(List.of("Checkout-API"), checkout);
    List<String> literal =
        f
            .keys
            .list(f.member, f.acme, null, null, false, "0%_d", PageRequest.first())
            .data()
            .stream()
            .map(KeyView::name)
            .toList();
    assertEquals(List.of("100%_done"), literal);
    // Search narrows within the caller's reach, never beyond it.
    assertEquals(
        0,
        f
            .keys
            .list(f.member, f.acme, null, null, false, "main", PageRequest.first())
            .data()
            .stream()
            .filter(k -> !k.userId().equals(f.member.userId()))
            .count());
    assertEquals(
        List.of("alpha"),
        f.teams.list(f.orgAdmin, f.acme, "ALP", PageRequest.first()).data().stream()
            .map(TeamView::name)
            .toList());
    assertEquals(
        "q",
        assertThrows(
                AdminApiException.class,
                () -> f.users.list(f.orgAdmin, f.acme, null, "x".repeat(201), PageRequest.first()))
            .param());
  }
}
