package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compliance admin API through the running server: real admin calls leave one audit record each
 * (with the caller's key prefix, address and user agent, and the diff), refused calls are recorded,
 * the chain verifies, search and streamed export work and only auditors and admins may read them;
 * compliance settings and alert rules are managed and audited the same way.
 */
class ComplianceIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String orgAdminKey;
  private String auditorKey;
  private String memberKey;
  private String memberId;

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "audit-" + suffix))).text("/id");
    orgAdminKey = keyOf(user("boss-" + suffix, "ORG_ADMIN"));
    auditorKey = keyOf(user("auditor-" + suffix, "AUDITOR"));
    memberId = user("dev-" + suffix, "MEMBER");
    memberKey = keyOf(memberId);
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String base() {
    return "/admin/api/orgs/" + org;
  }

  private String user(String name, String role) throws Exception {
    return created(
            client.post(base() + "/users", KEY, obj("email", name + "@it.test", "role", role)))
        .text("/id");
  }

  private String keyOf(String userId) throws Exception {
    return created(
            client.post(
                base() + "/keys",
                KEY,
                obj("name", "main", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  private JsonNode events(String query, String key) throws Exception {
    Answer answer = client.get(base() + "/audit-events" + query, key);
    assertEquals(200, answer.status(), answer.raw());
    return answer.body();
  }

  private static String prefixOf(String key) {
    return key.substring(3, 11);
  }

  @Test
  void eachAdminChangeLeavesOneRecordWithWhoWhatAndFromWhere() throws Exception {
    long before = events("", auditorKey).path("total").asLong();
    Answer team =
        client.call(
            "POST",
            base() + "/teams",
            orgAdminKey,
            obj("name", "platform", "allowedModels", List.of("gpt-4o")));
    assertEquals(201, team.status(), team.raw());
    String teamId = team.text("/id");
    assertEquals(
        200, client.patch(base() + "/teams/" + teamId, orgAdminKey, obj("name", "infra")).status());

    JsonNode page = events("?resourceId=" + teamId, auditorKey);
    assertEquals(2, page.path("total").asInt(), page.toString());
    assertEquals(before + 2, events("", auditorKey).path("total").asLong());
    JsonNode update = page.at("/data/0");
    assertEquals("UPDATE", update.path("action").asText());
    assertEquals("team", update.path("resourceType").asText());
    assertEquals("SUCCESS", update.path("outcome").asText());
    assertEquals("ORG_ADMIN", update.path("actorRole").asText());
    assertEquals(prefixOf(orgAdminKey), update.path("actorKeyPrefix").asText());
    assertEquals("127.0.0.1", update.path("clientAddress").asText());
    assertTrue(update.path("userAgent").asText().startsWith("Java-http-client"), update.toString());
    assertEquals("PATCH", update.path("method").asText());
    assertEquals(
        "[{\"field\":\"name\",\"old\":\"platform\",\"new\":\"infra\"}]",
        update.path("changes").toString());
    JsonNode create = page.at("/data/1");
    assertEquals("CREATE", create.path("action").asText());
    assertTrue(
        create
            .path("changes")
            .toString()
            .contains("\"allowedModels\",\"old\":null,\"new\":[\"gpt-4o\"]"));

    Answer ownKey = client.post(base() + "/keys", memberKey, obj("name", "ci"));
    assertEquals(201, ownKey.status());
    String secret = ownKey.text("/key");
    JsonNode keyEvents = events("?resourceType=key&userId=" + memberId, auditorKey);
    assertEquals(1, keyEvents.path("total").asInt());
    assertFalse(keyEvents.toString().contains(secret.substring(12)), "no key secret in the trail");

    JsonNode verified = client.get(base() + "/audit-events/verify", auditorKey).body();
    assertTrue(verified.path("valid").asBoolean(), verified.toString());
    assertEquals(verified.path("lastSeq").asLong(), verified.path("checked").asLong());
  }

  @Test
  void refusedCallsAreRecorded() throws Exception {
    Answer refused = client.patch(base(), auditorKey, obj("name", "taken-over"));
    assertEquals(403, refused.status());
    Answer invalid = client.post(base() + "/teams", orgAdminKey, obj("name", ""));
    assertEquals(400, invalid.status());

    JsonNode denied = events("?outcome=denied", orgAdminKey);
    assertEquals(1, denied.path("total").asInt(), denied.toString());
    JsonNode record = denied.at("/data/0");
    assertEquals("UPDATE", record.path("action").asText());
    assertEquals("org", record.path("resourceType").asText());
    assertEquals(org, record.path("resourceId").asText());
    assertEquals(403, record.path("status").asInt());
    assertEquals("forbidden", record.path("errorCode").asText());
    assertEquals("AUDITOR", record.path("actorRole").asText());
    assertEquals(prefixOf(auditorKey), record.path("actorKeyPrefix").asText());

    JsonNode rejected = events("?outcome=rejected", orgAdminKey);
    assertEquals(1, rejected.path("total").asInt(), rejected.toString());
    assertEquals("invalid_field", rejected.at("/data/0/errorCode").asText());

    String strangerPrefix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String stranger = "hk-" + strangerPrefix + "_" + "x".repeat(32);
    assertEquals(401, client.get(base() + "/teams", stranger).status());
    JsonNode platform =
        client
            .get("/admin/api/orgs/_platform/audit-events?keyPrefix=" + strangerPrefix, KEY)
            .body();
    assertEquals(1, platform.path("total").asInt(), platform.toString());
    assertEquals("DENIED", platform.at("/data/0/outcome").asText());
    assertEquals("invalid_api_key", platform.at("/data/0/errorCode").asText());
    assertEquals(
        403,
        client.get("/admin/api/orgs/_platform/audit-events", orgAdminKey).status(),
        "only platform admins read the platform chain");
  }

  @Test
  void onlyAuditorsAndAdminsReadTheTrailAndTheRequestLog() throws Exception {
    assertEquals(200, client.get(base() + "/audit-events", KEY).status());
    assertEquals(200, client.get(base() + "/audit-events", orgAdminKey).status());
    assertEquals(403, client.get(base() + "/audit-events", memberKey).status());
    assertEquals(403, client.get(base() + "/request-log", memberKey).status());
    assertEquals(200, client.get(base() + "/request-log", auditorKey).status());
    assertEquals(403, client.get("/admin/api/orgs/org_default/audit-events", auditorKey).status());
    Answer badTime = client.get(base() + "/audit-events?from=yesterday", auditorKey);
    assertEquals(400, badTime.status());
    assertEquals("from", badTime.text("/error/param"));
    assertEquals(
        405,
        client.call("DELETE", base() + "/audit-events", KEY, null).status(),
        "there is no way to delete audit records through the API");
  }

  @Test
  void exportsStreamCsvAndJsonLines() throws Exception {
    for (int i = 0; i < 3; i++) {
      client.post(base() + "/teams", orgAdminKey, obj("name", "t" + i));
    }
    HttpResponse<String> csv =
        HTTP.send(
            HttpRequest.newBuilder(
                    uri(base() + "/audit-events/export?format=csv&resourceType=team"))
                .header("Authorization", "Bearer " + auditorKey)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertEquals(4, lines.length, csv.body());
    assertTrue(lines[0].startsWith("id,orgId,seq,occurredAt,actorUserId"));

    HttpResponse<String> jsonl =
        HTTP.send(
            HttpRequest.newBuilder(uri(base() + "/audit-events/export?format=jsonl"))
                .header("Authorization", "Bearer " + auditorKey)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, jsonl.statusCode());
    List<Long> seqs = new ArrayList<>();
    for (String line : jsonl.body().split("\n")) {
      seqs.add(JSON.readTree(line).path("seq").asLong());
    }
    for (int i = 1; i < seqs.size(); i++) {
      assertEquals(seqs.get(i - 1) + 1, seqs.get(i), "oldest first, no gaps");
    }
    JsonNode exports = events("?action=export", orgAdminKey);
    assertEquals(2, exports.path("total").asInt(), "each export is itself audited");
  }

  @Test
  void complianceSettingsAndAlertRulesAreManagedAndAudited() throws Exception {
    Answer defaults = client.get(base() + "/compliance-settings", auditorKey);
    assertEquals(200, defaults.status(), defaults.raw());
    assertEquals("LOG_ONLY", defaults.text("/piiMode"));
    assertFalse(defaults.path("/logBodies").asBoolean());

    Answer changed =
        client.patch(
            base() + "/compliance-settings",
            orgAdminKey,
            obj(
                "piiMode",
                "MASK",
                "restoreAnswers",
                true,
                "logBodies",
                true,
                "customPatterns",
                Map.of("ticket", "TCK-\\d{5}")));
    assertEquals(200, changed.status(), changed.raw());
    assertEquals("MASK", changed.text("/piiMode"));
    Answer badPattern =
        client.patch(
            base() + "/compliance-settings", orgAdminKey, obj("customPatterns", Map.of("x", "(")));
    assertEquals(400, badPattern.status());
    assertEquals("customPatterns.x", badPattern.text("/error/param"));
    assertEquals(
        403,
        client
            .patch(base() + "/compliance-settings", auditorKey, obj("logBodies", false))
            .status());

    Answer rule =
        client.post(
            base() + "/alert-rules",
            orgAdminKey,
            obj(
                "name",
                "errors",
                "kind",
                "ERROR_RATE",
                "errorRate",
                0.25,
                "emails",
                List.of("ops@it.test"),
                "webhookUrl",
                "http://127.0.0.1:9/hook",
                "webhookSecret",
                "whsec-0123456789abcdef"));
    assertEquals(201, rule.status(), rule.raw());
    assertTrue(rule.path("/webhookSecretSet").asBoolean());
    assertFalse(rule.raw().contains("whsec-0123456789abcdef"));
    assertEquals(200, client.get(base() + "/alert-rules", auditorKey).status());
    assertEquals(0, client.get(base() + "/alerts?open=true", auditorKey).path("/total").asInt());

    JsonNode settingsEvent = events("?resourceType=compliance-settings", auditorKey).at("/data/0");
    assertTrue(
        settingsEvent.path("changes").toString().contains("\"old\":\"LOG_ONLY\",\"new\":\"MASK\""),
        settingsEvent.toString());
    String ruleChanges =
        events("?resourceType=alert-rule", auditorKey).at("/data/0/changes").toString();
    assertFalse(ruleChanges.contains("whsec-0123456789abcdef"), ruleChanges);
  }

  @Test
  void theComplianceApiIsDescribedInOpenApi() throws Exception {
    Answer openapi = client.call("GET", "/openapi?format=JSON", null, null);
    JsonNode paths = openapi.body().path("paths");
    assertTrue(paths.has("/admin/api/orgs/{orgId}/audit-events/verify"));
    assertTrue(paths.has("/admin/api/orgs/{orgId}/request-log/export"));
    assertTrue(paths.has("/admin/api/orgs/{orgId}/alerts/{alertId}/acknowledge"));
  }
}
