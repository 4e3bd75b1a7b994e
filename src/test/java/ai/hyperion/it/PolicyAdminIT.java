package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The policy admin API through the running server: budgets CRUD under the access rules, current
 * spend, usage reports as JSON and CSV, the OpenAPI document and the policy metrics.
 */
class PolicyAdminIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String alpha;
  private String beta;
  private String orgAdminKey;
  private String teamAdminKey;
  private String memberKey;
  private String memberId;

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "policy-" + suffix))).text("/id");
    alpha = created(client.post(orgPath("/teams"), KEY, obj("name", "alpha"))).text("/id");
    beta = created(client.post(orgPath("/teams"), KEY, obj("name", "beta"))).text("/id");
    orgAdminKey = keyOf(user("owner-" + suffix, "ORG_ADMIN", null));
    teamAdminKey = keyOf(user("lead-" + suffix, "TEAM_ADMIN", alpha));
    memberId = user("dev-" + suffix, "MEMBER", alpha);
    memberKey = keyOf(memberId);
  }

  private String orgPath(String rest) {
    return "/admin/api/orgs/" + org + rest;
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String user(String name, String role, String teamId) throws Exception {
    String body =
        teamId == null
            ? obj("email", name + "@it.test", "role", role)
            : obj("email", name + "@it.test", "role", role, "teamId", teamId);
    return created(client.post(orgPath("/users"), KEY, body)).text("/id");
  }

  private String keyOf(String userId) throws Exception {
    return created(
            client.post(
                orgPath("/keys"),
                KEY,
                obj("name", "main", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  @Test
  void budgetsAreManagedWithinTheRolesAndValidated() throws Exception {
    Answer team =
        created(
            client.post(
                orgPath("/budgets"),
                orgAdminKey,
                obj(
                    "name",
                    "alpha monthly",
                    "amountUsd",
                    50,
                    "period",
                    "month",
                    "timeZone",
                    "Europe/Berlin",
                    "softThresholdPercent",
                    80,
                    "subjectLevel",
                    "team",
                    "subjectId",
                    alpha)));
    String id = team.text("/id");
    assertEquals("month", team.text("/period"));
    assertEquals("Europe/Berlin", team.text("/timeZone"));
    assertTrue(team.path("/hardCutoff").asBoolean());

    assertEquals(200, client.get(orgPath("/budgets/" + id), teamAdminKey).status());
    Answer teamAdminRaises =
        client.patch(orgPath("/budgets/" + id), teamAdminKey, obj("amountUsd", 5000));
    assertEquals(403, teamAdminRaises.status(), teamAdminRaises.raw());
    Answer orgCap =
        client.post(
            orgPath("/budgets"),
            orgAdminKey,
            obj("name", "cap", "amountUsd", 10, "subjectLevel", "org", "subjectId", org));
    assertEquals(403, orgCap.status(), orgCap.raw());
    created(
        client.post(
            orgPath("/budgets"),
            KEY,
            obj("name", "cap", "amountUsd", 10, "subjectLevel", "org", "subjectId", org)));
    assertEquals(0, client.get(orgPath("/budgets"), memberKey).path("/total").asInt());
    assertEquals(2, client.get(orgPath("/budgets"), orgAdminKey).path("/total").asInt());

    Answer bad =
        client.post(
            orgPath("/budgets"),
            orgAdminKey,
            obj(
                "name",
                "x",
                "amountUsd",
                -3,
                "period",
                "fortnight",
                "subjectLevel",
                "team",
                "subjectId",
                "team_missing"));
    assertEquals(400, bad.status(), bad.raw());
    assertEquals("invalid_request_error", bad.text("/error/type"));
    assertEquals(2, bad.path("/error/fields").size(), bad.raw());
    Answer unknownField = client.post(orgPath("/budgets"), orgAdminKey, obj("amount", 3));
    assertEquals(400, unknownField.status());
    assertEquals("amount", unknownField.text("/error/param"));

    Answer patched =
        client.patch(
            orgPath("/budgets/" + id), orgAdminKey, obj("amountUsd", 75, "period", "week"));
    assertEquals(200, patched.status(), patched.raw());
    assertEquals("week", patched.text("/period"));
    assertEquals(204, client.delete(orgPath("/budgets/" + id), orgAdminKey).status());
    assertEquals(404, client.get(orgPath("/budgets/" + id), orgAdminKey).status());
  }

  @Test
  void spendShowsTheCurrentPeriodOfEveryBudgetOfASubject() throws Exception {
    String id =
        created(
                client.post(
                    orgPath("/budgets"),
                    orgAdminKey,
                    obj(
                        "name",
                        "dev daily",
                        "amountUsd",
                        2.5,
                        "period",
                        "day",
                        "subjectLevel",
                        "user",
                        "subjectId",
                        memberId)))
            .text("/id");
    Answer mine = client.get(orgPath("/spend?level=user&id=" + memberId), memberKey);
    assertEquals(200, mine.status(), mine.raw());
    assertEquals(1, mine.body().size());
    assertEquals(id, mine.text("/0/budgetId"));
    assertEquals("attached", mine.text("/0/via"));
    assertEquals(0, mine.path("/0/spentUsd").decimalValue().signum());
    assertEquals(0, mine.path("/0/remainingUsd").decimalValue().compareTo(new BigDecimal("2.5")));
    assertTrue(mine.text("/0/periodKey").startsWith("D:"));
    Answer one = client.get(orgPath("/budgets/" + id + "/spend"), orgAdminKey);
    assertEquals(200, one.status(), one.raw());
    assertEquals("day", one.text("/period"));

    Answer others = client.get(orgPath("/spend?level=team&id=" + beta), teamAdminKey);
    assertEquals(403, others.status(), others.raw());
    Answer badLevel = client.get(orgPath("/spend?level=planet&id=x"), orgAdminKey);
    assertEquals(400, badLevel.status());
    assertEquals("level", badLevel.text("/error/param"));
  }

  @Test
  void usageReportsComeAsJsonOrCsvWithinTheCallersReach() throws Exception {
    Answer json =
        client.get(
            orgPath("/usage?from=2030-01-01&to=2030-02-01&groupBy=team,model&bucket=day"),
            orgAdminKey);
    assertEquals(200, json.status(), json.raw());
    assertEquals("day", json.text("/bucket"));
    assertEquals(0, json.path("/rows").size());
    assertEquals(0, json.path("/totals/requests").asInt());

    HttpResponse<String> csv =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(baseUrl() + orgPath("/usage?groupBy=key&bucket=hour")))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + orgAdminKey)
                .header("Accept", "text/csv")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, csv.statusCode(), csv.body());
    assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertEquals(
        "key,hour,requests,prompt_tokens,completion_tokens,cached_tokens,cost_usd",
        csv.body().lines().findFirst().orElse(""));

    assertEquals(200, client.get("/admin/api/usage?groupBy=org", memberKey).status());
    assertEquals(403, client.get("/admin/api/orgs/org_default/usage", orgAdminKey).status());
    Answer bad = client.get(orgPath("/usage?bucket=fortnight&format=xml"), orgAdminKey);
    assertEquals(400, bad.status(), bad.raw());
    assertEquals("bucket", bad.text("/error/param"));
  }

  @Test
  void theApiIsDocumentedAndThePolicyIsMetered() throws IOException, InterruptedException {
    Answer openapi = client.call("GET", "/openapi?format=JSON", null, null);
    assertEquals(200, openapi.status());
    for (String path :
        new String[] {
          "/admin/api/orgs/{orgId}/budgets",
          "/admin/api/orgs/{orgId}/budgets/{budgetId}/spend",
          "/admin/api/orgs/{orgId}/usage",
          "/admin/api/orgs/{orgId}/spend",
          "/admin/api/usage"
        }) {
      assertTrue(openapi.body().path("paths").has(path), path + " missing");
    }
    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(uri("/metrics?scope=application")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(metrics.body().contains("hyperion_policy_store_unavailable_total"), metrics.body());
    assertTrue(metrics.body().contains("hyperion_ledger_dropped_total"));
  }
}
