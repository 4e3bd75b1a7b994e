package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.FieldError;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Origin;
import ai.hyperion.auth.InMemoryApiKeyCache;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.routing.RoutingPolicyApi.Arm;
import ai.hyperion.routing.RoutingPolicyApi.PolicyRequest;
import ai.hyperion.routing.RoutingPolicyApi.PolicyView;
import ai.hyperion.routing.RoutingPolicyApi.Shadow;
import ai.hyperion.routing.RoutingPolicyApi.Split;
import ai.hyperion.tenancy.JpaKeyRecordLoader;
import ai.hyperion.tenancy.KeyCacheRefresher;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.tenancy.OrganizationService;
import ai.hyperion.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing policy service and shadow results on a real database (run per database). */
abstract class RoutingPolicyServiceContract {

  abstract TestDatabase openDatabase();

  private TestDatabase db;
  private RoutingPolicyService service;
  private String org;
  private Caller orgAdmin;
  private Caller auditor;

  @BeforeEach
  void setUp() {
    db = openDatabase();
    ModelCatalog catalog =
        new ModelCatalog(new GatewayConfigLoader(name -> Optional.empty()).load(Optional.empty()));
    OrganizationService orgs =
        new OrganizationService(
            db,
            new KeyCacheRefresher(new JpaKeyRecordLoader(db), new InMemoryApiKeyCache()),
            new AuditTrail(
                db, () -> new Origin("192.0.2.1", "test", null, null), Clock.systemUTC()));
    service = new RoutingPolicyService(db, orgs, catalog);
    org =
        db.inTransaction(
            em -> {
              Organization o = new Organization("acme-" + System.nanoTime());
              em.persist(o);
              return o.id();
            });
    orgAdmin = new Caller("usr_admin", org, null, UserRole.ORG_ADMIN);
    auditor = new Caller("usr_audit", org, null, UserRole.AUDITOR);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private static PolicyRequest policy(
      Boolean smart, List<String> fallbacks, List<Split> splits, Shadow shadow) {
    return new PolicyRequest(Set.of("openai"), smart, true, fallbacks, splits, shadow);
  }

  @Test
  void anOrgAdminSetsThePolicyAndTheDataPlaneReadsIt() {
    assertEquals(OrgRoutingPolicy.NONE, service.policy(org));
    PolicyView view =
        service.update(
            orgAdmin,
            org,
            policy(
                true,
                List.of("gpt-4o-mini"),
                List.of(
                    new Split(
                        "trial",
                        "gpt-4o",
                        List.of(new Arm("gpt-4o", 90), new Arm("gpt-4o-mini", 10)),
                        "key")),
                new Shadow("gpt-4o", "gpt-4.1-nano", 0.25)));
    assertTrue(view.smartRoutingEnabled());
    assertEquals(Set.of("openai"), view.allowedProviders());
    assertEquals(view, service.get(auditor, org));
    OrgRoutingPolicy policy = service.policy(org);
    assertEquals(List.of("gpt-4o-mini"), policy.defaultFallbacks());
    assertEquals(AbSplit.Sticky.KEY, policy.abSplits().get(0).sticky());
    assertEquals(10, policy.abSplits().get(0).arms().get(1).weight());
    assertEquals("gpt-4.1-nano", policy.shadow().targetModel());

    service.update(orgAdmin, org, new PolicyRequest(null, null, null, null, null, null));
    PolicyView cleared = service.get(orgAdmin, org);
    assertTrue(cleared.smartRoutingEnabled(), "org switches change only when given");
    assertEquals(List.of(), cleared.defaultFallbacks());
    assertNull(cleared.shadow());
  }

  @Test
  void everyInvalidFieldIsNamedAndNothingChanges() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () ->
                service.update(
                    orgAdmin,
                    org,
                    policy(
                        true,
                        List.of("no-such-model"),
                        List.of(new Split("", "gpt-4o", List.of(new Arm("gpt-4o", 0)), "moon")),
                        new Shadow(null, "gpt-4o", 1.5))));
    assertEquals(
        Set.of(
            "defaultFallbacks[0]",
            "abSplits[0].name",
            "abSplits[0].arms[0].weight",
            "abSplits[0].sticky",
            "shadow.sampleRate"),
        Set.copyOf(e.fieldErrors().stream().map(FieldError::field).toList()));
    assertEquals(OrgRoutingPolicy.NONE, service.policy(org));
  }

  @Test
  void anAuditorMayReadButNotChangeAndOtherOrgsAreOutOfReach() {
    AdminApiException e =
        assertThrows(
            AdminApiException.class,
            () -> service.update(auditor, org, policy(false, List.of(), List.of(), null)));
    assertEquals(403, e.status());
    Caller stranger = new Caller("usr_x", "org_other", null, UserRole.ORG_ADMIN);
    assertEquals(
        403, assertThrows(AdminApiException.class, () -> service.get(stranger, org)).status());
  }

  @Test
  void shadowResultsAreStoredAndListedPerOrgAndModel() {
    for (int i = 0; i < 3; i++) {
      service.saveShadowResult(
          new ShadowResult(
              "shd_" + i + org.substring(4, 20),
              org,
              "req_" + i,
              "gpt-4o",
              i == 2 ? "gpt-4o-mini" : "gpt-4.1-nano",
              120,
              80L + i,
              10,
              20,
              10,
              18,
              0.0002,
              0.00001,
              0.8,
              "ok",
              Instant.parse("2030-01-01T00:00:0" + i + "Z")));
    }
    var page = service.shadowResults(auditor, org, "gpt-4.1-nano", PageRequest.of(0, 10));
    assertEquals(2, page.total());
    assertEquals("req_0", page.data().get(0).requestId());
    assertEquals(0.8, page.data().get(0).similarity());
    assertEquals(3, service.shadowResults(auditor, org, null, PageRequest.of(0, 10)).total());
    Caller stranger = new Caller("usr_x", "org_other", null, UserRole.AUDITOR);
    assertEquals(
        403,
        assertThrows(
                AdminApiException.class,
                () -> service.shadowResults(stranger, org, null, PageRequest.first()))
            .status());
  }
}
