package ai.hyperion.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.testing.MutableClock;
import ai.hyperion.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit chain on a real database: it verifies, an edit or deletion made with SQL behind the
 * application's back is found at the row it touched, concurrent writers for one org never fork it,
 * and retention deletes old records without breaking what remains.
 */
abstract class AuditTrailContract {

  static final String ORG = "org_chain";
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  final Caller admin = new Caller("user_a", ORG, null, UserRole.ORG_ADMIN, "Abcd1234");
  TestDatabase db;
  AuditTrail trail;
  AuditVerifier verifier;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    trail = new AuditTrail(db, () -> new Origin("198.51.100.7", "curl/8", "PATCH", "/x"), clock);
    verifier = new AuditVerifier(db);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AuditRecord append(String name) {
    return db.inTransaction(
        em ->
            trail.record(
                em,
                admin,
                new AuditEvent(
                    ORG,
                    AuditAction.UPDATE,
                    "team",
                    "team_1",
                    List.of(Changes.of("name", "old", name)))));
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = db.dataSource().getConnection();
        Statement s = connection.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  @Test
  void aChainOfRecordsVerifies() {
    for (int i = 0; i < 5; i++) {
      append("n" + i);
      clock.advance(Duration.ofSeconds(1));
    }
    ChainVerification result = verifier.verify(ORG);
    assertTrue(result.valid(), result.problem());
    assertEquals(5, result.checked());
    assertEquals(1, result.firstSeq());
    assertEquals(5, result.lastSeq());
  }

  @Test
  void anEditedRowIsFoundAtThatRow() throws Exception {
    for (int i = 0; i < 5; i++) {
      append("n" + i);
    }
    sql(
        "UPDATE audit_events SET changes = '[{\"field\":\"name\",\"old\":\"old\",\"new\":\"x\"}]'"
            + " WHERE chain_id = '"
            + ORG
            + "' AND seq = 3");
    ChainVerification result = verifier.verify(ORG);
    assertFalse(result.valid());
    assertEquals(3L, result.brokenAtSeq());
    assertTrue(result.problem().contains("does not match its hash"), result.problem());
  }

  @Test
  void anEditedActorIsFoundToo() throws Exception {
    append("a");
    append("b");
    sql("UPDATE audit_events SET actor_user_id = 'someone_else' WHERE seq = 1");
    ChainVerification result = verifier.verify(ORG);
    assertFalse(result.valid());
    assertEquals(1L, result.brokenAtSeq());
  }

  @Test
  void aDeletedRowIsFound() throws Exception {
    for (int i = 0; i < 4; i++) {
      append("n" + i);
    }
    sql("DELETE FROM audit_events WHERE seq = 2");
    ChainVerification middle = verifier.verify(ORG);
    assertFalse(middle.valid());
    assertEquals(2L, middle.brokenAtSeq());

    sql("DELETE FROM audit_events WHERE seq = 4");
    sql("DELETE FROM audit_events WHERE seq = 1");
    assertFalse(verifier.verify(ORG).valid(), "deleting the oldest or newest rows is found too");
  }

  @Test
  void concurrentWritersForOneOrgNeverForkTheChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Callable<Object> writer =
            () -> {
              for (int i = 0; i < 15; i++) {
                append("t" + thread + "-" + i);
              }
              return null;
            };
        done.add(pool.submit(writer));
      }
      for (Future<Object> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    ChainVerification result = verifier.verify(ORG);
    assertTrue(result.valid(), result.problem());
    assertEquals(60, result.checked());
    assertEquals(60, result.lastSeq());
  }

  @Test
  void refusalsAndChainsOfDifferentOrgsAreSeparate() {
    append("a");
    AuditRecord refusal =
        trail.recordRefusal(
            AuditTrail.PLATFORM_CHAIN,
            new Actor(null, null, "Zz999999", null),
            new Origin("203.0.113.5", "scanner", "DELETE", "/admin/api/orgs/org_chain"),
            AuditAction.DELETE,
            "org",
            ORG,
            401,
            "invalid_api_key");
    assertEquals(1, refusal.seq());
    assertEquals("DENIED", refusal.outcome());
    assertEquals(401, refusal.status());
    assertEquals("Zz999999", refusal.actorKeyPrefix());
    assertNull(refusal.actorUserId());
    assertTrue(verifier.verify(AuditTrail.PLATFORM_CHAIN).valid());
    assertTrue(verifier.verify(ORG).valid());
  }

  @Test
  void retentionDeletesOldRecordsAndTheRestStillVerifies() throws Exception {
    for (int i = 0; i < 6; i++) {
      append("n" + i);
      clock.advance(Duration.ofDays(10));
    }
    // Records at day 0, 10, 20, 30, 40, 50; keep those from day 25 on.
    long deleted =
        new AuditRetention(db)
            .pruneAll(Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(25)));
    assertEquals(3, deleted);
    ChainVerification result = verifier.verify(ORG);
    assertTrue(result.valid(), result.problem());
    assertEquals(4, result.firstSeq());
    assertEquals(3, result.checked());

    // Someone deleting the oldest kept record by hand is not mistaken for retention.
    sql("DELETE FROM audit_events WHERE seq = 4");
    assertFalse(verifier.verify(ORG).valid());
  }
}
