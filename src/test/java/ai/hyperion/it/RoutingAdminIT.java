package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing admin API through the running server: an org's routing policy (roles, validation, the
 * org switches it shares with the org resource), shadow results, and deployment state.
 */
class RoutingAdminIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String orgAdminKey;
  private String auditorKey;
  private String memberKey;

  @BeforeEach
  void createOrg() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "rt-" + suffix))).text("/id");
    orgAdminKey = keyOf(user("owner-" + suffix, "ORG_ADMIN"));
    auditorKey = keyOf(user("audit-" + suffix, "AUDITOR"));
    memberKey = keyOf(user("dev-" + suffix, "MEMBER"));
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String user(String name, String role) throws Exception {
    return created(
            client.post(
                "/admin/api/orgs/" + org + "/users",
                KEY,
                obj("email", name + "@it.test", "role", role)))
        .text("/id");
  }

  private String keyOf(String userId) throws Exception {
    return created(
            client.post(
                "/admin/api/orgs/" + org + "/keys",
                KEY,
                obj("name", "main", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  private String routing() {
    return "/admin/api/orgs/" + org + "/routing";
  }

  private static String policy() {
    return obj(
        "smartRoutingEnabled", true,
        "autoRoutingEnabled", false,
        "allowedProviders", List.of("openai", "claude"),
        "defaultFallbacks", List.of("gpt-4o-mini"),
        "abSplits",
            List.of(
                Map.of(
                    "name",
                    "claude-trial",
                    "model",
                    "gpt-4o",
                    "sticky",
                    "user",
                    "arms",
                    List.of(
                        Map.of("model", "gpt-4o", "weight", 80),
                        Map.of("model", "claude-sonnet-4-5", "weight", 20)))),
        "shadow",
            Map.of("sourceModel", "gpt-4o", "targetModel", "gemini-2.5-flash", "sampleRate", 0.1));
  }

  @Test
  void anOrgAdminSetsTheRoutingPolicyAndTheOrgSeesItsSwitches() throws Exception {
    Answer empty = client.get(routing(), orgAdminKey);
    assertEquals(200, empty.status(), empty.raw());
    assertEquals(0, empty.path("/defaultFallbacks").size());

    Answer put = client.call("PUT", routing(), orgAdminKey, policy());
    assertEquals(200, put.status(), put.raw());
    assertEquals("claude-sonnet-4-5", put.text("/abSplits/0/arms/1/model"));
    assertEquals(0.1, put.path("/shadow/sampleRate").asDouble());

    Answer read = client.get(routing(), auditorKey);
    assertEquals(200, read.status(), read.raw());
    assertEquals(put.body(), read.body());
    Answer orgView = client.get("/admin/api/orgs/" + org, KEY);
    assertTrue(orgView.path("/smartRoutingEnabled").asBoolean(), orgView.raw());
    assertFalse(orgView.path("/autoRoutingEnabled").asBoolean());
    assertEquals(2, orgView.path("/allowedProviders").size());
  }

  @Test
  void everyBadFieldIsReportedAndNothingChanges() throws Exception {
    String before = client.get(routing(), KEY).raw();
    Answer bad =
        client.call(
            "PUT",
            routing(),
            orgAdminKey,
            obj(
                "defaultFallbacks", List.of("no-such-model"),
                "abSplits",
                    List.of(
                        Map.of(
                            "name",
                            "x",
                            "model",
                            "gpt-4o",
                            "arms",
                            List.of(Map.of("model", "gpt-4o", "weight", 0)))),
                "shadow", Map.of("targetModel", "gpt-4o", "sampleRate", 2)));
    assertEquals(400, bad.status(), bad.raw());
    assertEquals(3, bad.path("/error/fields").size(), bad.raw());
    Answer unknownField = client.call("PUT", routing(), orgAdminKey, obj("colour", "red"));
    assertEquals(400, unknownField.status());
    assertEquals("colour", unknownField.text("/error/param"));
    assertEquals(before, client.get(routing(), KEY).raw());
  }

  @Test
  void auditorsAndMembersCannotChangeRoutingAndMembersCannotReadIt() throws Exception {
    String before = client.get(routing(), KEY).raw();
    assertEquals(403, client.call("PUT", routing(), auditorKey, policy()).status());
    assertEquals(403, client.call("PUT", routing(), memberKey, policy()).status());
    assertEquals(403, client.get(routing(), memberKey).status());
    assertEquals(403, client.get("/admin/api/orgs/org_default/routing", orgAdminKey).status());
    assertEquals(before, client.get(routing(), KEY).raw());
  }

  @Test
  void shadowResultsArePagedAndValidated() throws Exception {
    Answer page = client.get(routing() + "/shadow-results?limit=10", auditorKey);
    assertEquals(200, page.status(), page.raw());
    assertEquals(0, page.path("/total").asInt());
    assertEquals(10, page.path("/limit").asInt());
    assertEquals(400, client.get(routing() + "/shadow-results?limit=abc", auditorKey).status());
    assertEquals(403, client.get(routing() + "/shadow-results", memberKey).status());
  }

  @Test
  void deploymentStateShowsBreakersAndMaskedKeys() throws Exception {
    Answer state = client.get("/admin/api/routing/deployments", auditorKey);
    assertEquals(200, state.status(), state.raw());
    JsonNode gpt4o = null;
    for (JsonNode d : state.path("/deployments")) {
      if (d.path("id").asText().equals("gpt-4o/openai")) {
        gpt4o = d;
      }
    }
    assertTrue(gpt4o != null, state.raw());
    assertEquals("CLOSED", gpt4o.path("breaker").path("state").asText());
    assertEquals("gpt-4o-2024-08-06", gpt4o.path("upstreamModel").asText());
    assertFalse(state.raw().contains("sk-it-upstream-key-0000000000"), "a key leaked");
    assertTrue(state.path("/affinity").has("hits"));

    assertEquals(403, client.get("/admin/api/routing/deployments", memberKey).status());
    assertEquals(
        403,
        client
            .post("/admin/api/routing/deployments/reset?id=gpt-4o/openai", orgAdminKey, null)
            .status());
    Answer reset = client.post("/admin/api/routing/deployments/reset?id=gpt-4o/openai", KEY, null);
    assertEquals(200, reset.status(), reset.raw());
    assertEquals(
        404, client.post("/admin/api/routing/deployments/reset?id=nope", KEY, null).status());
  }
}
