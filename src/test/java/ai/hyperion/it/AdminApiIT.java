package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API through the running server: each role's allowed and forbidden operations (a refusal
 * is a 403 and changes nothing), the key lifecycle as the data plane sees it, allow-lists, expiry,
 * validation and the OpenAPI document. The bootstrap key is the platform admin's.
 */
class AdminApiIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String alpha;
  private String beta;
  private String orgAdminKey;
  private String teamAdminKey;
  private String auditorKey;
  private String memberKey;
  private String memberId;
  private String teamAdminId;
  private String betaMemberId;

  /** A fresh org per test, so tests neither share state nor depend on order. */
  @BeforeEach
  void createOrgWithOneUserPerRole() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "it-" + suffix))).text("/id");
    alpha = created(client.post(teams(), KEY, obj("name", "alpha"))).text("/id");
    beta = created(client.post(teams(), KEY, obj("name", "beta"))).text("/id");
    orgAdminKey = keyOf(user("owner-" + suffix, "ORG_ADMIN", null));
    teamAdminId = user("lead-" + suffix, "TEAM_ADMIN", alpha);
    teamAdminKey = keyOf(teamAdminId);
    auditorKey = keyOf(user("audit-" + suffix, "AUDITOR", null));
    memberId = user("dev-" + suffix, "MEMBER", alpha);
    memberKey = keyOf(memberId);
    betaMemberId = user("other-" + suffix, "MEMBER", beta);
  }

  private String teams() {
    return "/admin/api/orgs/" + org + "/teams";
  }

  private String users() {
    return "/admin/api/orgs/" + org + "/users";
  }

  private String keys() {
    return "/admin/api/orgs/" + org + "/keys";
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
    return created(client.post(users(), KEY, body)).text("/id");
  }

  private String keyOf(String userId) throws Exception {
    return created(
            client.post(
                keys(),
                KEY,
                obj("name", "main", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  /** Everything in the org as the platform admin sees it. */
  private String orgState() throws Exception {
    return String.join(
        "\n",
        client.get("/admin/api/orgs/" + org, KEY).raw(),
        client.get(teams(), KEY).raw(),
        client.get(users(), KEY).raw(),
        client.get(keys() + "?includeRevoked=true&limit=500", KEY).raw());
  }

  private void assertForbiddenAndUnchanged(String method, String path, String key, String body)
      throws Exception {
    String before = orgState();
    Answer answer = client.call(method, path, key, body);
    assertEquals(403, answer.status(), method + " " + path + ": " + answer.raw());
    assertEquals("permission_error", answer.text("/error/type"));
    assertEquals(before, orgState());
  }

  @Test
  void orgAdminManagesTheirOrgButNotOthers() throws Exception {
    assertEquals(201, client.post(teams(), orgAdminKey, obj("name", "gamma")).status());
    assertEquals(
        200,
        client
            .patch("/admin/api/orgs/" + org, orgAdminKey, obj("allowedModels", List.of("gpt-4o")))
            .status());
    Answer betaKey =
        created(client.post(keys(), orgAdminKey, obj("name", "ops", "userId", betaMemberId)));
    assertEquals(
        200,
        client
            .post(keys() + "/" + betaKey.text("/details/id") + "/revoke", orgAdminKey, null)
            .status());

    assertForbiddenAndUnchanged(
        "POST", "/admin/api/orgs", orgAdminKey, obj("name", "mine-" + UUID.randomUUID()));
    assertForbiddenAndUnchanged("DELETE", "/admin/api/orgs/" + org, orgAdminKey, null);
    assertForbiddenAndUnchanged("GET", "/admin/api/orgs/org_default/teams", orgAdminKey, null);
    assertForbiddenAndUnchanged(
        "POST", users(), orgAdminKey, obj("email", "p@it.test", "role", "PLATFORM_ADMIN"));
  }

  @Test
  void teamAdminManagesOnlyTheirTeam() throws Exception {
    String recruit =
        created(
                client.post(
                    users(),
                    teamAdminKey,
                    obj(
                        "email",
                        "recruit-" + UUID.randomUUID() + "@it.test",
                        "role",
                        "MEMBER",
                        "teamId",
                        alpha)))
            .text("/id");
    created(client.post(keys(), teamAdminKey, obj("name", "recruit", "userId", recruit)));
    Answer listed = client.get(teams(), teamAdminKey);
    assertEquals(1, listed.path("/total").asInt(), listed.raw());
    assertEquals(alpha, listed.text("/data/0/id"));

    assertForbiddenAndUnchanged(
        "POST", keys(), teamAdminKey, obj("name", "x", "userId", betaMemberId));
    assertForbiddenAndUnchanged(
        "POST", users(), teamAdminKey, obj("email", "b@it.test", "role", "MEMBER", "teamId", beta));
    assertForbiddenAndUnchanged(
        "PATCH", teams() + "/" + alpha, teamAdminKey, obj("allowedModels", List.of()));
    assertForbiddenAndUnchanged("GET", teams() + "/" + beta, teamAdminKey, null);
  }

  @Test
  void auditorReadsEverythingAndChangesNothing() throws Exception {
    assertEquals(200, client.get(users(), auditorKey).status());
    Answer keyList = client.get(keys(), auditorKey);
    assertEquals(200, keyList.status());
    assertTrue(keyList.path("/total").asInt() >= 4, keyList.raw());
    String someKey = keyList.text("/data/0/id");

    assertForbiddenAndUnchanged("POST", keys() + "/" + someKey + "/revoke", auditorKey, null);
    assertForbiddenAndUnchanged("POST", keys(), auditorKey, obj("name", "mine"));
    assertForbiddenAndUnchanged(
        "PATCH", "/admin/api/orgs/" + org, auditorKey, obj("name", "renamed"));
    assertForbiddenAndUnchanged("DELETE", users() + "/" + memberId, auditorKey, null);
  }

  @Test
  void memberManagesOnlyTheirOwnKeys() throws Exception {
    Answer own = created(client.post(keys(), memberKey, obj("name", "laptop")));
    assertEquals(memberId, own.text("/details/userId"));
    Answer listed = client.get(keys(), memberKey);
    for (JsonNode key : listed.body().path("data")) {
      assertEquals(memberId, key.path("userId").asText());
    }
    Answer me = client.get("/admin/api/me", memberKey);
    assertEquals("MEMBER", me.text("/role"));

    String leadsKey = client.get(keys() + "?userId=" + teamAdminId, KEY).text("/data/0/id");
    assertForbiddenAndUnchanged("POST", keys() + "/" + leadsKey + "/revoke", memberKey, null);
    assertForbiddenAndUnchanged(
        "POST", keys(), memberKey, obj("name", "x", "userId", betaMemberId));
    assertForbiddenAndUnchanged("GET", teams(), memberKey, null);
    assertForbiddenAndUnchanged(
        "PATCH", users() + "/" + memberId, memberKey, obj("role", "ORG_ADMIN"));
  }

  @Test
  void keyLifecycleAsTheDataPlaneSeesIt() throws Exception {
    Answer created = created(client.post(keys(), memberKey, obj("name", "ci")));
    String key = created.text("/key");
    String id = created.text("/details/id");
    assertEquals(200, client.models(key).status());
    assertFalse(
        client.get(keys() + "/" + id, memberKey).raw().contains(key.substring(12)),
        "secret leaked in a read");

    Answer rotated = created(client.post(keys() + "/" + id + "/rotate", memberKey, null));
    String newKey = rotated.text("/key");
    assertNotEquals(key, newKey);
    Answer old = client.models(key);
    assertEquals(401, old.status());
    assertEquals("revoked_api_key", old.text("/error/code"));
    assertEquals(200, client.models(newKey).status());

    assertEquals(
        200,
        client
            .post(keys() + "/" + rotated.text("/details/id") + "/revoke", memberKey, null)
            .status());
    assertEquals(401, client.models(newKey).status());
    assertEquals(401, client.models("hk-Unknown1_" + "z".repeat(32)).status());
  }

  @Test
  void modelsOutsideTheAllowListsAre403() throws Exception {
    client.patch(
        teams() + "/" + alpha, KEY, obj("allowedModels", List.of("gpt-4o", "gpt-4o-mini")));
    String key =
        created(
                client.post(
                    keys(),
                    KEY,
                    obj(
                        "name",
                        "mini-only",
                        "userId",
                        memberId,
                        "allowedModels",
                        List.of("gpt-4o-mini", "backup-mini"))))
            .text("/key");

    Answer allowed = client.post("/v1/chat/completions", key, chat("gpt-4o-mini", "hello"));
    assertEquals(200, allowed.status(), allowed.raw());
    Answer notForKey = client.post("/v1/chat/completions", key, chat("gpt-4o", "hello"));
    assertEquals(403, notForKey.status(), notForKey.raw());
    assertEquals("model_not_allowed", notForKey.text("/error/code"));
    Answer notForTeam = client.post("/v1/chat/completions", key, chat("backup-mini", "hello"));
    assertEquals(403, notForTeam.status(), notForTeam.raw());

    // Providers: the key may use gpt-4o-mini, but not once its org stops allowing provider
    // "openai".
    client.patch("/admin/api/orgs/" + org, KEY, obj("allowedProviders", List.of("backup")));
    Answer providerRefused = client.post("/v1/chat/completions", key, chat("gpt-4o-mini", "hello"));
    assertEquals(403, providerRefused.status(), providerRefused.raw());
    Answer listed = client.models(key);
    assertEquals(0, listed.path("/data").size(), listed.raw());
  }

  @Test
  void anExpiredKeyIsRefused() throws Exception {
    Instant expiresAt = Instant.now().plusSeconds(3);
    String key =
        created(
                client.post(
                    keys(), memberKey, obj("name", "brief", "expiresAt", expiresAt.toString())))
            .text("/key");
    // On a loaded machine the key may already have expired by the first call: then (and only
    // then) is a 401 right. No wall-clock window has to be met for the test to pass.
    Answer first = client.models(key);
    if (Instant.now().isBefore(expiresAt)) {
      assertEquals(200, first.status(), first.raw());
    }
    Answer expired = first;
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (expired.status() == 200 && System.nanoTime() < until) {
      Thread.sleep(100); // polling for the expiry to take effect, not asserting a deadline
      expired = client.models(key);
    }
    assertEquals(401, expired.status(), expired.raw());
    assertEquals("expired_api_key", expired.text("/error/code"));
    assertFalse(Instant.now().isBefore(expiresAt), "refused only once expired");
  }

  @Test
  void validationErrorsNameTheField() throws Exception {
    Answer wrongType =
        client.post(
            keys(), memberKey, "{\"name\":\"k\",\"limits\":{\"requestsPerMinute\":\"many\"}}");
    assertEquals(400, wrongType.status(), wrongType.raw());
    assertEquals("limits.requestsPerMinute", wrongType.text("/error/param"));

    Answer several = client.post(keys(), memberKey, obj("name", "", "expiresAt", "soon"));
    assertEquals(400, several.status());
    assertEquals("name", several.text("/error/param"));
    assertEquals("expiresAt", several.text("/error/fields/1/field"));

    Answer unknown =
        client.post(
            users(), KEY, obj("email", "x@it.test", "role", "MEMBER", "favouriteColour", "red"));
    assertEquals("favouriteColour", unknown.text("/error/param"));

    Answer paging = client.get(keys() + "?limit=abc", KEY);
    assertEquals(400, paging.status());
    assertEquals("limit", paging.text("/error/param"));
  }

  @Test
  void listingsArePaged() throws Exception {
    Answer page = client.get(users() + "?offset=1&limit=2", KEY);
    assertEquals(200, page.status());
    assertEquals(5, page.path("/total").asInt());
    assertEquals(2, page.path("/data").size());
    assertTrue(page.path("/hasMore").asBoolean());
  }

  @Test
  void theAdminApiNeedsAKey() throws Exception {
    Answer none = client.get("/admin/api/me", null);
    assertEquals(401, none.status());
    assertEquals("missing_api_key", none.text("/error/code"));
    assertEquals(401, client.get("/admin/api/me", "hk-Nobody12_" + "q".repeat(32)).status());
    Answer bootstrap = client.get("/admin/api/me", KEY);
    assertEquals("PLATFORM_ADMIN", bootstrap.text("/role"));
  }

  @Test
  void readinessCoversTheDatabaseAndTheClusterMember() throws Exception {
    Answer ready = client.get("/health/ready", null);
    assertEquals(200, ready.status(), ready.raw());
    assertTrue(
        ready.raw().contains("\"database\"") && ready.raw().contains("\"cluster\""), ready.raw());
  }

  @Test
  void theAdminApiIsDescribedInOpenApi() throws Exception {
    Answer openapi = client.call("GET", "/openapi?format=JSON", null, null);
    assertEquals(200, openapi.status());
    assertTrue(
        openapi.body().path("paths").has("/admin/api/orgs/{orgId}/keys/{keyId}/rotate"),
        openapi.raw());
  }
}
