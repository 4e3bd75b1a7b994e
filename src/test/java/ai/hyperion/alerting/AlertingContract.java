package ai.hyperion.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.alerting.AlertViews.AlertView;
import ai.hyperion.alerting.AlertViews.RuleRequest;
import ai.hyperion.audit.AuditRecord;
import ai.hyperion.audit.AuditTrail;
import ai.hyperion.audit.Origin;
import ai.hyperion.audit.log.RequestLog;
import ai.hyperion.audit.log.RequestLogEntry;
import ai.hyperion.audit.settings.CompliancePolicies;
import ai.hyperion.auth.UserRole;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.MutableClock;
import ai.hyperion.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end on a real database: the request log feeds the rules, an incident sends exactly
 * one e-mail to a real SMTP server (GreenMail on 127.0.0.1) and one signed webhook call, and the
 * rule stays quiet through its cooldown (the clock is the test's).
 */
abstract class AlertingContract {

  static final Instant NOW = Instant.parse("2030-03-01T12:00:00Z");
  static final String SECRET = "whsec-0123456789abcdef";
  static final String ORG = "org_acme";
  final MutableClock clock = new MutableClock(NOW);
  final Caller orgAdmin = new Caller("user_boss", ORG, null, UserRole.ORG_ADMIN, "Boss1234");
  final Caller auditor = new Caller("user_aud", ORG, null, UserRole.AUDITOR);

  TestDatabase db;
  GreenMail mail;
  WebhookReceiver webhook;
  RequestLog requestLog;
  AlertEvaluator evaluator;
  AlertRuleService rules;
  AlertService alerts;

  abstract TestDatabase openDatabase();

  @BeforeEach
  void setUp() {
    db = openDatabase();
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
    webhook = new WebhookReceiver();
    SmtpSettings smtp =
        new SmtpSettings(
            "127.0.0.1",
            mail.getSmtp().getPort(),
            "hyperion@gateway.test",
            "",
            "",
            false,
            false,
            5000);
    evaluator = new AlertEvaluator(db, smtp, HttpClient.newHttpClient(), clock);
    AuditTrail trail = new AuditTrail(db, () -> new Origin("192.0.2.1", "t", null, null), clock);
    rules = new AlertRuleService(db, trail);
    alerts = new AlertService(db, trail, clock);
    requestLog =
        new RequestLog(
            db, new CompliancePolicies(db, new ConcurrentHashMap<>()), 10_000, 500, true);
  }

  @AfterEach
  void tearDown() {
    webhook.close();
    mail.stop();
    db.close();
  }

  void request(String key, String address, Instant at, int status, double cost) {
    requestLog.record(
        new RequestLogEntry(
            "req_" + UUID.randomUUID(),
            at,
            ORG,
            null,
            "user_dev",
            "key_" + key,
            key,
            "/v1/chat/completions",
            "gpt-4o",
            "gpt-4o",
            "openai",
            "passthrough",
            "general",
            "miss",
            status,
            status >= 400 ? "upstream_error" : null,
            false,
            false,
            new Usage(100, 50),
            cost,
            1,
            Map.of(),
            120,
            address,
            null,
            null,
            null));
  }

  RuleRequest rule(String kind) {
    return new RuleRequest(
        kind.toLowerCase() + " rule",
        kind,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Set.of("ops@acme.test"),
        webhook.url(),
        SECRET,
        null);
  }

  /** The one e-mail and one signed webhook call of an alert, checked, after {@code before}. */
  private JsonNode assertDeliveredOnce(int mailsBefore, String summaryStart) throws Exception {
    MimeMessage[] received = mail.getReceivedMessages();
    assertEquals(mailsBefore + 1, received.length, "exactly one e-mail");
    MimeMessage message = received[received.length - 1];
    assertEquals("ops@acme.test", message.getRecipients(Message.RecipientType.TO)[0].toString());
    assertTrue(message.getSubject().startsWith("[Hyperion] " + summaryStart), message.getSubject());
    assertEquals(mailsBefore + 1, webhook.calls.size(), "exactly one webhook call");
    WebhookReceiver.Call call = webhook.calls.get(webhook.calls.size() - 1);
    String timestamp = call.headers().get("X-Hyperion-Timestamp");
    assertEquals(Long.toString(clock.instant().getEpochSecond()), timestamp);
    assertEquals(
        WebhookChannel.sign(SECRET, Long.parseLong(timestamp), call.body()),
        call.headers().get("X-Hyperion-Signature"),
        "the signature is the HMAC of timestamp.body under the rule's secret");
    assertTrue(call.headers().get("X-Hyperion-Signature").startsWith("v1="));
    JsonNode body = Json.parse(call.body());
    assertEquals(ORG, body.get("orgId").asText());
    assertEquals(message.getHeader("X-Hyperion-Alert-Id")[0], body.get("id").asText());
    return body;
  }

  @Test
  void aSpendSpikeSendsOneAlertThenStaysQuietDuringTheCooldown() throws Exception {
    RuleRequest spike =
        new RuleRequest(
            "spend spike",
            "SPEND_SPIKE",
            3.0,
            1.0,
            null,
            null,
            60,
            24,
            60,
            Set.of("ops@acme.test"),
            webhook.url(),
            SECRET,
            null);
    rules.create(orgAdmin, ORG, spike);
    for (int hour = 1; hour <= 24; hour++) {
      request("Abcd1234", "198.51.100.7", NOW.minus(Duration.ofMinutes(hour * 60L + 30)), 200, 1.0);
    }
    assertTrue(evaluator.evaluate().isEmpty(), "a steady dollar an hour is no spike");
    for (int i = 0; i < 5; i++) {
      request("Abcd1234", "198.51.100.7", NOW.minus(Duration.ofMinutes(10 + i)), 200, 2.0);
    }
    requestLog.drain();

    List<Alert> fired = evaluator.evaluate();
    assertEquals(1, fired.size());
    assertEquals(AlertKind.SPEND_SPIKE, fired.get(0).kind());
    JsonNode body = assertDeliveredOnce(0, "Spend spike in org_acme: $10.00");
    assertEquals("SPEND_SPIKE", body.get("kind").asText());
    assertEquals(10.0, body.at("/details/spendUsd").asDouble(), 1e-9);
    assertEquals(1.0, body.at("/details/trailingAverageUsd").asDouble(), 1e-9);

    for (int minutes : new int[] {0, 10, 30, 59}) {
      clock.advance(Duration.between(clock.instant(), NOW.plus(Duration.ofMinutes(minutes))));
      request("Abcd1234", "198.51.100.7", clock.instant().minusSeconds(30), 200, 5.0);
      requestLog.drain();
      assertTrue(evaluator.evaluate().isEmpty(), "quiet during the cooldown");
    }
    assertEquals(1, mail.getReceivedMessages().length);
    assertEquals(1, webhook.calls.size());
    AlertView stored = alerts.list(auditor, ORG, true, PageRequest.first()).data().get(0);
    assertEquals("sent to 1", stored.emailStatus());
    assertEquals("delivered (204)", stored.webhookStatus());
  }

  @Test
  void anErrorBurstSendsOneAlertAndTheRuleReArmsAfterTheCooldown() throws Exception {
    RuleRequest burst =
        new RuleRequest(
            "errors",
            "ERROR_RATE",
            null,
            null,
            0.2,
            10,
            5,
            null,
            30,
            Set.of("ops@acme.test"),
            webhook.url(),
            SECRET,
            null);
    rules.create(orgAdmin, ORG, burst);
    for (int i = 0; i < 20; i++) {
      request("Abcd1234", "198.51.100.7", NOW.minusSeconds(10 + i * 10L), i % 5 < 2 ? 502 : 200, 0);
    }
    requestLog.drain();
    assertEquals(1, evaluator.evaluate().size());
    JsonNode body = assertDeliveredOnce(0, "Error rate in org_acme at 40%");
    assertEquals(8, body.at("/details/failed").asInt());
    assertEquals(20, body.at("/details/requests").asInt());

    for (int step = 0; step < 5; step++) {
      clock.advance(Duration.ofMinutes(5));
      for (int i = 0; i < 12; i++) {
        request("Abcd1234", "198.51.100.7", clock.instant().minusSeconds(5 + i), 503, 0);
      }
      requestLog.drain();
      assertTrue(evaluator.evaluate().isEmpty(), "the burst goes on, the alert is not repeated");
    }
    assertEquals(1, mail.getReceivedMessages().length);
    assertEquals(1, webhook.calls.size());

    clock.advance(Duration.ofMinutes(6));
    for (int i = 0; i < 12; i++) {
      request("Abcd1234", "198.51.100.7", clock.instant().minusSeconds(5 + i), 503, 0);
    }
    requestLog.drain();
    assertEquals(1, evaluator.evaluate().size(), "after the cooldown a new alert may fire");
    assertEquals(2, mail.getReceivedMessages().length);
  }

  @Test
  void aKeyUsedFromANewNetworkAlertsOncePerNetwork() throws Exception {
    rules.create(orgAdmin, ORG, rule("NEW_NETWORK"));
    request("Abcd1234", "198.51.100.7", NOW.minus(Duration.ofDays(2)), 200, 0);
    request("Abcd1234", "198.51.100.7", NOW.minusSeconds(60), 200, 0);
    request("Fresh999", "192.0.2.50", NOW.minusSeconds(60), 200, 0);
    requestLog.drain();
    assertTrue(evaluator.evaluate().isEmpty(), "known network, and a key without history");

    clock.advance(Duration.ofMinutes(3));
    request("Abcd1234", "203.0.113.9", clock.instant().minusSeconds(10), 200, 0);
    requestLog.drain();
    List<Alert> fired = evaluator.evaluate();
    assertEquals(1, fired.size());
    assertEquals("key:Abcd1234:203.0.113.0/24", fired.get(0).subject());
    assertDeliveredOnce(
        0, "Key hk-Abcd1234_... of org_acme used from a new network 203.0.113.0/24");

    clock.advance(Duration.ofMinutes(2));
    request("Abcd1234", "203.0.113.77", clock.instant().minusSeconds(10), 200, 0);
    requestLog.drain();
    assertTrue(evaluator.evaluate().isEmpty(), "the same new network does not alert again");
  }

  @Test
  void aBudgetThresholdAlertsOnceAndIsAcknowledged() throws Exception {
    rules.create(orgAdmin, ORG, rule("BUDGET_THRESHOLD"));
    BudgetThresholdCrossed crossed =
        new BudgetThresholdCrossed(ORG, "monthly", "team:team_a", 80, 80.5, 100, NOW);
    evaluator.budgetThresholdCrossed(crossed);
    assertEquals(1, evaluator.evaluate().size());
    assertDeliveredOnce(0, "Budget monthly of org_acme (team:team_a) passed 80%");
    evaluator.budgetThresholdCrossed(crossed);
    assertTrue(evaluator.evaluate().isEmpty());

    AlertView open = alerts.list(auditor, ORG, true, PageRequest.first()).data().get(0);
    assertEquals(
        403,
        assertThrows(AdminApiException.class, () -> alerts.acknowledge(auditor, ORG, open.id()))
            .status());
    AlertView acknowledged = alerts.acknowledge(orgAdmin, ORG, open.id());
    assertEquals("user_boss", acknowledged.acknowledgedBy());
    assertNotNull(acknowledged.acknowledgedAt());
    assertEquals(0, alerts.list(auditor, ORG, true, PageRequest.first()).total());
    assertEquals(1, alerts.list(auditor, ORG, false, PageRequest.first()).total());
    List<String> actions =
        db.inTransaction(
            em ->
                em
                    .createQuery(
                        "select r from AuditRecord r where r.chainId = :org order by r.seq",
                        AuditRecord.class)
                    .setParameter("org", ORG)
                    .getResultList()
                    .stream()
                    .map(r -> r.action() + " " + r.resourceType())
                    .toList());
    assertEquals(List.of("CREATE alert-rule", "ACKNOWLEDGE alert"), actions);
  }

  @Test
  void rulesAreValidatedAndTheirSecretNeverShown() {
    AdminApiException invalid =
        assertThrows(
            AdminApiException.class,
            () ->
                rules.create(
                    orgAdmin,
                    ORG,
                    new RuleRequest(
                        "x",
                        "ERROR_RATE",
                        null,
                        null,
                        1.5,
                        0,
                        null,
                        null,
                        null,
                        Set.of("not-an-address"),
                        "ftp://example.test/hook",
                        "short",
                        null)));
    assertEquals(
        List.of("errorRate", "minRequests", "emails", "webhookUrl", "webhookSecret"),
        invalid.fieldErrors().stream().map(f -> f.field()).toList());
    AlertViews.RuleView created =
        rules.create(
            orgAdmin,
            ORG,
            new RuleRequest(
                "over 50",
                "SPEND_ABOVE",
                null,
                50.0,
                null,
                null,
                null,
                null,
                null,
                Set.of("ops@acme.test"),
                webhook.url(),
                SECRET,
                null));
    assertTrue(created.webhookSecretSet());
    assertTrue(!created.toString().contains(SECRET));
    String changes =
        db.inTransaction(
            em ->
                em.createQuery("select r.changes from AuditRecord r", String.class)
                    .getSingleResult());
    assertTrue(!changes.contains(SECRET), changes);
    assertTrue(changes.contains("\"webhookSecretSet\""), changes);
  }
}
