package ai.hyperion.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.audit.AuditRecord;
import ai.hyperion.audit.AuditVerifier;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.provider.Json;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.tenancy.Views.CreatedKey;
import ai.hyperion.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every change through the tenancy services leaves exactly one audit record, in the chain of the
 * org it belongs to, with who, from where and the fields changed (old and new values, never a
 * secret); a refused change leaves none. Run once per database by its subclasses.
 */
abstract class TenancyAuditContract {

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

  private long count(String chain) {
    return f.db.inTransaction(
        em ->
            em.createQuery("select count(r) from AuditRecord r where r.chainId = :c", Long.class)
                .setParameter("c", chain)
                .getSingleResult());
  }

  /** Runs a change and returns the one record it added to {@code chain}. */
  private <T> AuditRecord onlyRecord(String chain, Supplier<T> change) {
    long before = count(chain);
    change.get();
    assertEquals(before + 1, count(chain), "exactly one audit record per change");
    return f.db.inTransaction(
        em ->
            em.createQuery(
                    "select r from AuditRecord r where r.chainId = :c order by r.seq desc",
                    AuditRecord.class)
                .setParameter("c", chain)
                .setMaxResults(1)
                .getSingleResult());
  }

  /** field → [old, new] as JSON text ("null" for absent). */
  private static Map<String, List<String>> diff(AuditRecord record) throws Exception {
    Map<String, List<String>> fields = new TreeMap<>();
    for (JsonNode change : Json.parse(record.changes())) {
      fields.put(
          change.get("field").asText(),
          List.of(change.get("old").toString(), change.get("new").toString()));
    }
    return fields;
  }

  @Test
  void anOrganisationsLifeIsRecordedInItsOwnChain() throws Exception {
    String[] id = new String[1];
    AuditRecord created =
        onlyRecordOfNewChain(
            () ->
                id[0] =
                    f.orgs
                        .create(
                            f.platformAdmin,
                            new OrganizationRequest(
                                "globex", null, null, null, true, Map.of("tier", "gold"), null))
                        .id());
    assertEquals(id[0], created.chainId());
    assertEquals(1, created.seq());
    assertEquals("CREATE", created.action());
    assertEquals("org", created.resourceType());
    assertEquals(id[0], created.resourceId());
    assertEquals("SUCCESS", created.outcome());
    assertEquals(f.platformAdmin.userId(), created.actorUserId());
    assertEquals("PLATFORM_ADMIN", created.actorRole());
    assertEquals("192.0.2.10", created.clientAddress());
    assertEquals("fixture/1.0", created.userAgent());
    Map<String, List<String>> createdDiff = diff(created);
    assertEquals(List.of("null", "\"globex\""), createdDiff.get("name"));
    assertEquals(List.of("null", "{\"tier\":\"gold\"}"), createdDiff.get("metadata"));
    assertEquals(List.of("null", "true"), createdDiff.get("smartRoutingEnabled"));

    AuditRecord updated =
        onlyRecord(
            id[0],
            () ->
                f.orgs.update(
                    f.platformAdmin,
                    id[0],
                    new OrganizationRequest(
                        null,
                        Set.of("gpt-4o"),
                        null,
                        null,
                        null,
                        null,
                        new Limits(100, null, null, null))));
    assertEquals("UPDATE", updated.action());
    assertEquals(
        Map.of(
            "allowedModels", List.of("null", "[\"gpt-4o\"]"),
            "limits.requestsPerMinute", List.of("null", "100")),
        diff(updated));

    AuditRecord deleted = onlyRecord(id[0], () -> run(() -> f.orgs.delete(f.platformAdmin, id[0])));
    assertEquals("DELETE", deleted.action());
    assertEquals(List.of("\"globex\"", "null"), diff(deleted).get("name"));
    assertTrue(new AuditVerifier(f.db).verify(id[0]).valid());
  }

  /** Runs a change that starts a new chain (an org's creation) and returns its one record. */
  private AuditRecord onlyRecordOfNewChain(Supplier<String> change) {
    long before = f.db.count("AuditRecord");
    String chain = change.get();
    assertEquals(before + 1, f.db.count("AuditRecord"), "exactly one audit record per change");
    assertEquals(1, count(chain));
    return f.db.inTransaction(
        em ->
            em.createQuery("select r from AuditRecord r where r.chainId = :c", AuditRecord.class)
                .setParameter("c", chain)
                .getSingleResult());
  }

  private static <T> T run(Runnable action) {
    action.run();
    return null;
  }

  @Test
  void teamAndUserChangesRecordTheirDiffs() throws Exception {
    String[] team = new String[1];
    AuditRecord teamCreated =
        onlyRecord(
            f.acme,
            () ->
                team[0] =
                    f.teams
                        .create(
                            f.orgAdmin, f.acme, new TeamRequest("gamma", null, null, null, null))
                        .id());
    assertEquals("team", teamCreated.resourceType());
    assertEquals(f.orgAdmin.userId(), teamCreated.actorUserId());
    assertEquals("ORG_ADMIN", teamCreated.actorRole());

    AuditRecord renamed =
        onlyRecord(
            f.acme,
            () ->
                f.teams.update(
                    f.orgAdmin, f.acme, team[0], new TeamRequest("delta", null, null, null, null)));
    assertEquals(Map.of("name", List.of("\"gamma\"", "\"delta\"")), diff(renamed));

    String[] user = new String[1];
    onlyRecord(
        f.acme,
        () ->
            user[0] =
                f.users
                    .create(
                        f.orgAdmin,
                        f.acme,
                        new UserRequest("new@acme.test", "New", "MEMBER", team[0], null))
                    .id());
    AuditRecord promoted =
        onlyRecord(
            f.acme,
            () ->
                f.users.update(
                    f.orgAdmin,
                    f.acme,
                    user[0],
                    new UserRequest(null, null, "TEAM_ADMIN", null, null)));
    assertEquals(Map.of("role", List.of("\"MEMBER\"", "\"TEAM_ADMIN\"")), diff(promoted));

    CreatedKey key = f.keyFor(new Caller(user[0], f.acme, team[0], UserRole.TEAM_ADMIN), null);
    AuditRecord removed =
        onlyRecord(f.acme, () -> run(() -> f.users.delete(f.orgAdmin, f.acme, user[0])));
    assertEquals("DELETE", removed.action());
    Map<String, List<String>> removedDiff = diff(removed);
    assertEquals(List.of("\"new@acme.test\"", "null"), removedDiff.get("email"));
    assertEquals(
        List.of("[\"" + key.details().prefix() + "\"]", "null"),
        removedDiff.get("deletedKeyPrefixes"));

    AuditRecord teamDeleted =
        onlyRecord(f.acme, () -> run(() -> f.teams.delete(f.orgAdmin, f.acme, team[0])));
    assertEquals(team[0], teamDeleted.resourceId());
  }

  @Test
  void theKeyLifecycleIsRecordedWithoutTheSecret() throws Exception {
    CreatedKey[] created = new CreatedKey[1];
    AuditRecord create =
        onlyRecord(
            f.acme,
            () ->
                created[0] =
                    f.keys.create(
                        f.member,
                        f.acme,
                        new KeyRequest(
                            "laptop", null, Set.of("gpt-4o-mini"), null, null, null, null, null)));
    String keyId = created[0].details().id();
    String secretPart = created[0].key().substring(created[0].key().indexOf('_') + 1);
    assertEquals("key", create.resourceType());
    assertEquals(keyId, create.resourceId());
    assertEquals(
        List.of("null", "\"" + created[0].details().prefix() + "\""), diff(create).get("prefix"));
    assertFalse(create.changes().contains(secretPart), "the key's secret is never recorded");

    AuditRecord update =
        onlyRecord(
            f.acme,
            () ->
                f.keys.update(
                    f.member,
                    f.acme,
                    keyId,
                    new KeyRequest("renamed", null, null, null, null, Set.of("ci"), null, null)));
    assertEquals(
        Map.of("name", List.of("\"laptop\"", "\"renamed\""), "tags", List.of("null", "[\"ci\"]")),
        diff(update));

    CreatedKey[] rotated = new CreatedKey[1];
    AuditRecord rotate =
        onlyRecord(f.acme, () -> rotated[0] = f.keys.rotate(f.member, f.acme, keyId));
    assertEquals("ROTATE", rotate.action());
    Map<String, List<String>> rotateDiff = diff(rotate);
    assertEquals(List.of("\"active\"", "\"revoked\""), rotateDiff.get("status"));
    assertEquals(
        List.of("null", "\"" + rotated[0].details().id() + "\""), rotateDiff.get("replacedBy"));
    assertEquals(
        List.of("null", "\"" + rotated[0].details().prefix() + "\""),
        rotateDiff.get("successorPrefix"));
    assertFalse(rotate.changes().contains(rotated[0].key().substring(12)));

    AuditRecord revoke =
        onlyRecord(f.acme, () -> f.keys.revoke(f.member, f.acme, rotated[0].details().id()));
    assertEquals("REVOKE", revoke.action());
    assertEquals(rotated[0].details().id(), revoke.resourceId());
    assertEquals(List.of("\"active\"", "\"revoked\""), diff(revoke).get("status"));
    assertTrue(new AuditVerifier(f.db).verify(f.acme).valid());
  }

  @Test
  void aRefusedChangeLeavesNoSuccessRecord() {
    long before = f.db.count("AuditRecord");
    AdminApiException refused =
        assertThrows(
            AdminApiException.class,
            () ->
                f.orgs.update(
                    f.auditor,
                    f.acme,
                    new OrganizationRequest("renamed", null, null, null, null, null, null)));
    assertEquals(403, refused.status());
    AdminApiException invalid =
        assertThrows(
            AdminApiException.class,
            () -> f.teams.create(f.orgAdmin, f.acme, new TeamRequest("", null, null, null, null)));
    assertEquals(400, invalid.status());
    assertEquals(before, f.db.count("AuditRecord"));
  }
}
