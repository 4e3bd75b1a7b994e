package ai.hyperion.audit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.audit.AuditRecord;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.ExportFormat;
import ai.hyperion.audit.Origin;
import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.audit.settings.CompliancePolicies;
import ai.hyperion.audit.settings.ComplianceSettingsService;
import ai.hyperion.audit.settings.SettingsRequest;
import ai.hyperion.auth.UserRole;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request log on a real database: one row per entry written in batches off the caller's thread,
 * bodies only where the org logs them and then redacted, a bounded queue that drops rather than
 * blocks, per-org retention, and search/export restricted to auditors and admins.
 */
abstract class RequestLogContract {

  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  final Caller platformAdmin =
      new Caller("user_admin", "org_default", null, UserRole.PLATFORM_ADMIN);
  final Caller acmeAuditor = new Caller("user_aud", "org_acme", null, UserRole.AUDITOR);
  final Caller acmeMember = new Caller("user_dev", "org_acme", "team_a", UserRole.MEMBER);
  TestDatabase db;
  CompliancePolicies policies;
  ComplianceSettingsService settings;
  AuditTrail trail;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    trail = new AuditTrail(db, () -> new Origin("192.0.2.1", "test", null, null));
    policies = new CompliancePolicies(db, new ConcurrentHashMap<>());
    settings = new ComplianceSettingsService(db, trail, policies);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static RequestLogEntry entry(String id, String org, Instant at, int status, double cost) {
    ChatRequest prompt =
        new ChatRequest(
            "gpt-4o",
            List.of(ChatMessage.text(Role.USER, "Mail jane@example.com my card 4111111111111111")),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    ChatResponse answer =
        new ChatResponse(
            "c1",
            1,
            "gpt-4o-2024-08-06",
            List.of(
                new ChatResponse.Choice(
                    0,
                    ChatMessage.text(Role.ASSISTANT, "Sent to jane@example.com"),
                    FinishReason.STOP,
                    null)),
            new Usage(12, 7),
            null);
    return new RequestLogEntry(
        id,
        at,
        org,
        "team_a",
        "user_dev",
        "key_1",
        "Abcd1234",
        "/v1/chat/completions",
        "gpt-4o",
        "gpt-4o-2024-08-06",
        "openai",
        "passthrough",
        "general",
        "miss",
        status,
        status >= 400 ? "upstream_error" : null,
        true,
        false,
        new Usage(12, 7),
        cost,
        1,
        Map.of("auth", 0.01, "upstream", 40.5),
        42.0,
        "203.0.113.9",
        prompt,
        answer,
        null);
  }

  RequestLog writer(int capacity) {
    return new RequestLog(db, policies, capacity, 2, true);
  }

  @Test
  void eachEntryBecomesOneRowWithoutBodiesByDefault() {
    RequestLog log = writer(100);
    for (int i = 0; i < 5; i++) {
      assertTrue(log.record(entry("req_" + i, "org_acme", NOW.plusSeconds(i), 200, 0.01)));
    }
    assertEquals(5, log.drain());
    assertEquals(5, db.count("RequestLogRecord"));
    RequestLogRecord row = db.inTransaction(em -> em.find(RequestLogRecord.class, "req_3"));
    assertEquals("org_acme", row.orgId());
    assertEquals("Abcd1234", row.keyPrefix());
    assertEquals("gpt-4o-2024-08-06", row.servedModel());
    assertEquals(12, row.promptTokens());
    assertEquals(40.5, row.upstreamMs());
    assertEquals(NOW.plusSeconds(3), row.occurredAt());
    assertEquals("203.0.113.0/24", row.clientNetwork());
    assertNull(row.promptBody(), "bodies are not stored unless the org turns it on");
    assertNull(row.completionBody());
  }

  @Test
  void bodiesAreStoredRedactedWhenTheOrgTurnsItOn() {
    settings.update(
        platformAdmin, "org_acme", new SettingsRequest(null, null, null, null, true, null));
    RequestLog log = writer(100);
    log.record(entry("req_b", "org_acme", NOW, 200, 0));
    log.record(entry("req_other", "org_other", NOW, 200, 0));
    log.drain();
    RequestLogRecord row = db.inTransaction(em -> em.find(RequestLogRecord.class, "req_b"));
    assertEquals(
        "[{\"role\":\"user\",\"content\":\"Mail [EMAIL_1] my card [CARD_1]\"}]", row.promptBody());
    assertEquals(
        "[{\"index\":0,\"content\":\"Sent to [EMAIL_1]\",\"finishReason\":\"stop\"}]",
        row.completionBody());
    assertNull(db.inTransaction(em -> em.find(RequestLogRecord.class, "req_other")).promptBody());
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() {
    RequestLog log = writer(3);
    int accepted = 0;
    for (int i = 0; i < 5; i++) {
      accepted += log.record(entry("req_" + i, "org_acme", NOW, 200, 0)) ? 1 : 0;
    }
    assertEquals(3, accepted);
    assertEquals(2, log.dropped());
    assertEquals(3, log.drain());
    assertTrue(log.record(entry("req_late", "org_acme", NOW, 200, 0)), "room again once drained");
  }

  @Test
  void aRowTheDatabaseRefusesCostsOnlyItself() {
    RequestLog log = writer(100);
    log.record(entry("req_dup", "org_acme", NOW, 200, 0));
    log.drain();
    log.record(entry("req_x", "org_acme", NOW, 200, 0));
    log.record(entry("req_dup", "org_acme", NOW, 200, 0));
    log.drain();
    assertEquals(2, db.count("RequestLogRecord"));
    assertEquals(1, log.failed());
  }

  @Test
  void retentionIsPerOrganisation() {
    settings.update(
        platformAdmin, "org_short", new SettingsRequest(null, null, null, null, null, 7));
    RequestLog log = writer(100);
    log.record(entry("short_old", "org_short", NOW.minus(Duration.ofDays(10)), 200, 0));
    log.record(entry("short_new", "org_short", NOW.minus(Duration.ofDays(2)), 200, 0));
    log.record(entry("default_mid", "org_acme", NOW.minus(Duration.ofDays(10)), 200, 0));
    log.record(entry("default_old", "org_acme", NOW.minus(Duration.ofDays(40)), 200, 0));
    log.drain();
    assertEquals(2, new RequestLogRetention(db, 30).sweep(NOW));
    List<String> left =
        db.inTransaction(
            em ->
                em.createQuery(
                        "select r.requestId from RequestLogRecord r order by r.requestId",
                        String.class)
                    .getResultList());
    assertEquals(List.of("default_mid", "short_new"), left);
  }

  @Test
  void auditorsSearchAndExportTheirOrgOnly() throws Exception {
    RequestLog log = writer(100);
    for (int i = 0; i < 6; i++) {
      log.record(entry("req_" + i, "org_acme", NOW.plusSeconds(i), i % 3 == 0 ? 502 : 200, 0.5));
    }
    log.record(entry("req_elsewhere", "org_other", NOW, 200, 0.5));
    log.drain();
    RequestLogSearch search = new RequestLogSearch(db, trail);
    RequestLogQuery failures =
        new RequestLogQuery(
            "org_acme",
            LocalDateTime.ofInstant(NOW, ZoneOffset.UTC),
            null,
            null,
            null,
            "Abcd1234",
            "gpt-4o-2024-08-06",
            null,
            502,
            null);
    Page<RequestLogRecord> page = search.search(acmeAuditor, failures, PageRequest.of(0, 1));
    assertEquals(2, page.total());
    assertEquals("req_3", page.data().get(0).requestId(), "newest first");
    assertTrue(page.hasMore());

    RequestLogQuery all =
        new RequestLogQuery("org_acme", null, null, null, null, null, null, null, null, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    search.export(acmeAuditor, all, ExportFormat.CSV).write(out);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
    assertEquals(7, lines.length);
    assertTrue(lines[0].startsWith("requestId,occurredAt,orgId"));
    assertTrue(lines[1].startsWith("req_0,2030-03-01T12:00:00Z,org_acme"), lines[1]);
    assertEquals(
        1,
        db.inTransaction(
                em ->
                    em.createQuery(
                            "select r from AuditRecord r where r.action = 'EXPORT'",
                            AuditRecord.class)
                        .getResultList())
            .size(),
        "the export is itself audited");

    RequestLogQuery other =
        new RequestLogQuery("org_other", null, null, null, null, null, null, null, null, null);
    assertEquals(
        403,
        assertThrows(
                AdminApiException.class,
                () -> search.search(acmeAuditor, other, PageRequest.first()))
            .status());
    assertEquals(
        403,
        assertThrows(
                AdminApiException.class, () -> search.search(acmeMember, all, PageRequest.first()))
            .status());
    assertEquals(1, search.search(platformAdmin, other, PageRequest.first()).total());
  }

  @Test
  void settingsChangesAreValidatedAuditedAndSeenByTheDataPlane() {
    assertEquals(PiiMode.LOG_ONLY, policies.forOrg("org_acme").pii().mode());
    settings.update(
        platformAdmin,
        "org_acme",
        new SettingsRequest("mask", true, null, Map.of("employee_id", "EMP-\\d{6}"), null, null));
    assertEquals(PiiMode.MASK, policies.forOrg("org_acme").pii().mode());
    assertTrue(policies.forOrg("org_acme").pii().restoreAnswers());
    assertEquals("[CUSTOM_EMPLOYEE_ID_1]", policies.forOrg("org_acme").pii().redact("EMP-123456"));
    AdminApiException bad =
        assertThrows(
            AdminApiException.class,
            () ->
                settings.update(
                    platformAdmin,
                    "org_acme",
                    new SettingsRequest(
                        "shout", null, Set.of("email", "dna"), Map.of("x", "("), null, -1)));
    assertEquals(
        List.of("piiMode", "detectors", "customPatterns.x", "requestLogRetentionDays"),
        bad.fieldErrors().stream().map(f -> f.field()).toList());
    assertEquals(
        403,
        assertThrows(
                AdminApiException.class,
                () ->
                    settings.update(
                        acmeAuditor,
                        "org_acme",
                        new SettingsRequest(null, null, null, null, true, null)))
            .status());
    AuditRecord record =
        db.inTransaction(
            em ->
                em.createQuery(
                        "select r from AuditRecord r where r.resourceType = 'compliance-settings'",
                        AuditRecord.class)
                    .getSingleResult());
    assertTrue(
        record.changes().contains("\"field\":\"piiMode\",\"old\":\"LOG_ONLY\",\"new\":\"MASK\""),
        record.changes());
    assertFalse(policies.forOrg("org_acme").logBodies());
  }
}
