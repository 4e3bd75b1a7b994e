package ai.hyperion.cache;

import static ai.hyperion.cache.CacheTesting.answer;
import static ai.hyperion.cache.CacheTesting.await;
import static ai.hyperion.cache.CacheTesting.chat;
import static ai.hyperion.cache.CacheTesting.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldError;
import ai.hyperion.auth.UserRole;
import ai.hyperion.cache.CacheAdminViews.PurgeRequest;
import ai.hyperion.cache.CacheAdminViews.SettingsRequest;
import ai.hyperion.cache.CacheAdminViews.SettingsView;
import ai.hyperion.cache.CacheAdminViews.StatsView;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.testing.TestDatabase;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cache settings, statistics and purges against a real database; run per database. */
abstract class CacheSettingsServiceContract {

  private static HazelcastInstance member;
  private static MiniLmEmbedder embedder;

  private TestDatabase db;
  private CachePolicies policies;
  private ResponseCache cache;
  private CacheSettingsService service;
  private String org;
  private Caller orgAdmin;

  abstract TestDatabase openDatabase();

  @BeforeAll
  static void startMember() {
    member =
        CacheTesting.member("settings-" + UUID.randomUUID(), CacheTesting.freePort(), List.of());
    embedder = new MiniLmEmbedder(1, 4);
  }

  @AfterAll
  static void stopMember() {
    embedder.close();
    member.shutdown();
  }

  @BeforeEach
  void setUp() {
    db = openDatabase();
    policies = new CachePolicies(member, id -> CacheSettingsService.load(db, id), Runnable::run);
    cache =
        new ResponseCache(member, policies, embedder, CacheOptions.defaults(), Clock.systemUTC());
    service = new CacheSettingsService(db, cache, policies, CacheOptions.defaults());
    org =
        db.inTransaction(
            em -> {
              Organization o = new Organization("acme-" + UUID.randomUUID());
              em.persist(o);
              return o.id();
            });
    orgAdmin = new Caller("user-admin", org, null, UserRole.ORG_ADMIN);
  }

  @AfterEach
  void tearDown() {
    cache.close();
    db.close();
  }

  private Caller as(UserRole role) {
    return new Caller("user-" + role, org, "team-1", role);
  }

  @Test
  void anOrganisationWithoutSettingsReadsTheDefaults() {
    SettingsView view = service.get(orgAdmin, org);
    assertEquals(true, view.exactEnabled());
    assertEquals(false, view.semanticEnabled());
    assertEquals("ORG", view.scope());
    assertEquals(CacheDefaults.TTL_SECONDS, view.ttlSeconds());
    assertEquals(CacheDefaults.SIMILARITY_THRESHOLD, view.similarityThreshold());
    assertEquals(false, view.cacheToolCalls());
    assertNull(view.updatedAt());
    assertEquals(CachePolicy.DEFAULT, await(policies.forOrg(org)));
  }

  @Test
  void anOrgAdminChangesOnlyTheFieldsSentAndEveryInstanceSeesIt() {
    SettingsView first =
        service.update(orgAdmin, org, new SettingsRequest(null, true, "team", 600, 0.9, 500, true));
    assertEquals("TEAM", first.scope());
    assertNotNull(first.updatedAt());
    SettingsView second =
        service.update(
            orgAdmin, org, new SettingsRequest(false, null, null, null, null, null, null));
    assertEquals(
        new CachePolicy(false, true, CacheScope.TEAM, 600, 0.9, 500, true),
        await(policies.forOrg(org)));
    assertEquals(second, service.get(as(UserRole.AUDITOR), org));
    assertEquals(
        new CachePolicy(false, true, CacheScope.TEAM, 600, 0.9, 500, true),
        CacheSettingsService.load(db, org),
        "stored in the database");
  }

  @Test
  void invalidSettingsAreRefusedFieldByField() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                service.update(
                    orgAdmin, org, new SettingsRequest(null, null, "world", 0, 1.5, 0, null)));
    assertEquals(400, e.status());
    assertEquals(
        List.of("scope", "ttlSeconds", "similarityThreshold", "maxEntries"),
        e.fieldErrors().stream().map(FieldError::field).toList());
    assertNull(service.get(orgAdmin, org).updatedAt(), "nothing stored");
  }

  @Test
  void onlyAPlatformAdminSharesAnswersAcrossOrganisations() {
    SettingsRequest global = new SettingsRequest(null, null, "GLOBAL", null, null, null, null);
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> service.update(orgAdmin, org, global))
            .status());
    assertEquals(
        "GLOBAL",
        service
            .update(new Caller("root", "org_default", null, UserRole.PLATFORM_ADMIN), org, global)
            .scope());
  }

  @Test
  void rolesOutsideTheOrgAdminsCannotChangeAndMembersCannotRead() {
    SettingsRequest change = new SettingsRequest(null, true, null, null, null, null, null);
    for (UserRole role : List.of(UserRole.AUDITOR, UserRole.TEAM_ADMIN, UserRole.MEMBER)) {
      assertEquals(
          403,
          assertThrows(AdminApiException.class, () -> service.update(as(role), org, change))
              .status(),
          role.name());
    }
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> service.get(as(UserRole.MEMBER), org))
            .status());
    Caller otherOrgAdmin = new Caller("x", "org-other", null, UserRole.ORG_ADMIN);
    assertEquals(
        403, assertThrows(AdminApiException.class, () -> service.get(otherOrgAdmin, org)).status());
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> service.purge(as(UserRole.AUDITOR), org, null))
            .status());
  }

  @Test
  void anUnknownOrganisationIsNotFound() {
    Caller root = new Caller("root", "org_default", null, UserRole.PLATFORM_ADMIN);
    assertEquals(
        404, assertThrows(AdminApiException.class, () -> service.get(root, "org_nope")).status());
  }

  @Test
  void statisticsAndPurgeReflectTheCache() {
    LookupResult miss = await(cache.lookup(query(org, chat(null, "Hello?"))));
    await(cache.store(miss.writeBack().orElseThrow(), answer("Hi."), 0.5));
    await(cache.lookup(query(org, chat(null, "Hello?"))));

    StatsView stats = service.stats(as(UserRole.AUDITOR), org);
    assertEquals(1, stats.l1().hits());
    assertEquals(1, stats.l1().misses());
    assertEquals(0.5, stats.l1().hitRatio());
    assertEquals(1, stats.l1().entries());
    assertEquals(0.5, stats.savedCostUsd(), 1e-9);
    assertNull(stats.l2().hitRatio());

    AdminApiException bad =
        assertThrows(
            AdminApiException.class,
            () -> service.purge(orgAdmin, org, new PurgeRequest(" ", -1L)));
    assertEquals(
        List.of("model", "olderThanSeconds"),
        bad.fieldErrors().stream().map(FieldError::field).toList());
    assertEquals(1, service.purge(orgAdmin, org, null).removed());
    assertEquals(0, service.stats(orgAdmin, org).l1().entries());
  }

  @Test
  void deletingTheOrganisationDeletesItsSettings() {
    service.update(orgAdmin, org, new SettingsRequest(null, true, null, null, null, null, null));
    db.inTransaction(
        em -> {
          em.remove(em.find(Organization.class, org));
          return null;
        });
    assertEquals(0, db.count("CacheSettings"));
  }
}
