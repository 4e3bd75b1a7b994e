package ai.hyperion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.Caller;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Origin;
import ai.hyperion.auth.UserRole;
import ai.hyperion.dedicated.TokenCipher;
import ai.hyperion.provider.Secret;
import ai.hyperion.tenancy.Organization;
import ai.hyperion.testing.Tenants;
import ai.hyperion.testing.TestDatabase;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP gateway's tables on a real database (V70, run per database): allow-lists replaced whole
 * and read back, and per-org upstream tokens stored only as ciphertext bound to their row.
 */
abstract class McpStoreContract {

  abstract TestDatabase openDatabase();

  private static final Optional<TokenCipher> CIPHER =
      TokenCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

  private TestDatabase db;
  private String org;
  private AuditTrail trail;
  private Caller admin;

  @BeforeEach
  void setUp() {
    db = openDatabase();
    org =
        db.inTransaction(
            em -> {
              Organization o = new Organization("mcp-" + System.nanoTime());
              em.persist(o);
              return o.id();
            });
    trail =
        new AuditTrail(db, () -> new Origin("192.0.2.1", "test", null, null), Clock.systemUTC());
    admin = new Caller("usr_admin", org, null, UserRole.ORG_ADMIN);
  }

  private long auditRecords(String type) {
    return db.inTransaction(
        em ->
            em.createQuery(
                    "SELECT COUNT(a) FROM AuditRecord a WHERE a.resourceType = :type", Long.class)
                .setParameter("type", type)
                .getSingleResult());
  }

  private String auditChanges(String type) {
    return db.inTransaction(
        em ->
            String.join(
                "\n",
                em.createQuery(
                        "SELECT a.changes FROM AuditRecord a WHERE a.resourceType = :type",
                        String.class)
                    .setParameter("type", type)
                    .getResultList()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void allowListsAreReplacedWholeAndApplied() {
    ToolPermissions permissions = new ToolPermissions(db, trail);
    assertTrue(permissions.grants(org).isEmpty());
    permissions.replace(
        admin,
        org,
        List.of(
            new ToolGrant("key", "key-id", "github", "search"),
            new ToolGrant("org", org, "github", "*")));
    assertEquals(2, permissions.grants(org).size());
    var tenant = Tenants.member(org, "hk-x", Set.of());
    assertTrue(permissions.refusal(tenant, "github", "search").isEmpty());
    assertTrue(permissions.refusal(tenant, "github", "delete").isPresent());
    assertTrue(permissions.refusal(tenant, "jira", "search").isPresent());

    permissions.replace(admin, org, List.of());
    assertTrue(permissions.grants(org).isEmpty());
    assertEquals(2, auditRecords("mcp-grants"));
    assertTrue(permissions.refusal(tenant, "jira", "search").isEmpty());
  }

  @Test
  void tokensAreStoredEncryptedAndReadBackOnlyForTheirOrgAndServer() {
    UpstreamCredentials credentials = new UpstreamCredentials(db, trail, CIPHER);
    credentials.put(admin, org, "github", new Secret("ghp-secret-value"));
    String stored =
        db.inTransaction(em -> em.find(McpCredential.class, org + "/github").tokenCipher());
    assertFalse(stored.contains("ghp-secret-value"), stored);
    assertEquals("ghp-secret-value", credentials.tokenFor(org, "github").orElseThrow().value());
    assertTrue(credentials.tokenFor(org, "jira").isEmpty());
    assertEquals(List.of("github"), credentials.list(org).stream().map(c -> c.server()).toList());

    credentials.put(admin, org, "github", new Secret("ghp-rotated"));
    assertEquals("ghp-rotated", credentials.tokenFor(org, "github").orElseThrow().value());
    assertTrue(credentials.delete(admin, org, "github"));
    assertFalse(credentials.delete(admin, org, "github"));
    assertTrue(credentials.tokenFor(org, "github").isEmpty());
    assertEquals(3, auditRecords("mcp-credential"));
    String changes = auditChanges("mcp-credential");
    assertTrue(changes.contains("token"), changes);
    assertFalse(changes.contains("ghp-"), changes);
  }

  @Test
  void aCiphertextCopiedToAnotherRowDoesNotDecrypt() {
    UpstreamCredentials credentials = new UpstreamCredentials(db, trail, CIPHER);
    credentials.put(admin, org, "github", new Secret("ghp-secret-value"));
    String stolen =
        db.inTransaction(em -> em.find(McpCredential.class, org + "/github").tokenCipher());
    db.inTransaction(
        em -> {
          em.persist(new McpCredential(org, "jira", stolen));
          return null;
        });
    assertThrows(IllegalStateException.class, () -> credentials.tokenFor(org, "jira"));
  }
}
