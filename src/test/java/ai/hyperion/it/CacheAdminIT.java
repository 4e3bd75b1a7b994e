package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The response cache's admin API through the running server: settings (defaults, partial change,
 * validation, who may read and change them, the platform-only global scope), statistics per tier
 * and purges. The bootstrap key is the platform admin's.
 */
class CacheAdminIT extends GatewayIT {

  private final AdminClient client = new AdminClient(baseUrl());
  private String org;
  private String orgAdminKey;
  private String auditorKey;
  private String memberKey;

  @BeforeEach
  void createOrgWithAnAdminAnAuditorAndAMember() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "cache-" + suffix))).text("/id");
    orgAdminKey = keyOf(user("cache-owner-" + suffix, "ORG_ADMIN"));
    auditorKey = keyOf(user("cache-audit-" + suffix, "AUDITOR"));
    memberKey = keyOf(user("cache-dev-" + suffix, "MEMBER"));
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

  /** JSON-B leaves null fields out. */
  private static boolean absent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  private String cache(String path) {
    return "/admin/api/orgs/" + org + "/cache/" + path;
  }

  @Test
  void settingsStartAtTheDefaultsAndChangeFieldByField() throws Exception {
    Answer defaults = client.get(cache("settings"), auditorKey);
    assertEquals(200, defaults.status(), defaults.raw());
    // The IT server sets hyperion.cache.default.exact-enabled=false (the product default is
    // true, see CacheOptionsTest) so that the other in-server tests run without the cache.
    assertEquals(false, defaults.path("/exactEnabled").asBoolean(), defaults.raw());
    assertEquals(false, defaults.path("/semanticEnabled").asBoolean());
    assertEquals("ORG", defaults.text("/scope"));
    assertEquals(3600, defaults.path("/ttlSeconds").asInt());
    assertEquals(0.85, defaults.path("/similarityThreshold").asDouble());
    assertTrue(absent(defaults.path("/updatedAt")));

    Answer changed =
        client.patch(
            cache("settings"),
            orgAdminKey,
            obj(
                "semanticEnabled",
                true,
                "scope",
                "team",
                "ttlSeconds",
                600,
                "cacheToolCalls",
                true));
    assertEquals(200, changed.status(), changed.raw());
    assertEquals("TEAM", changed.text("/scope"));
    assertEquals(600, changed.path("/ttlSeconds").asInt());
    assertEquals(false, changed.path("/exactEnabled").asBoolean(), "unchanged fields stay");

    Answer again = client.patch(cache("settings"), orgAdminKey, obj("similarityThreshold", 0.9));
    assertEquals(0.9, again.path("/similarityThreshold").asDouble());
    assertEquals("TEAM", again.text("/scope"));
    assertEquals(again.raw(), client.get(cache("settings"), orgAdminKey).raw());
  }

  @Test
  void invalidSettingsNameEveryBadField() throws Exception {
    Answer bad =
        client.patch(
            cache("settings"),
            orgAdminKey,
            obj("scope", "planet", "ttlSeconds", 0, "similarityThreshold", 7, "maxEntries", -1));
    assertEquals(400, bad.status(), bad.raw());
    assertEquals("scope", bad.text("/error/param"));
    assertEquals(4, bad.path("/error/fields").size());
    Answer unknown = client.patch(cache("settings"), orgAdminKey, obj("colour", "blue"));
    assertEquals(400, unknown.status());
    assertEquals("colour", unknown.text("/error/param"));
    Answer wrongType = client.patch(cache("settings"), orgAdminKey, obj("ttlSeconds", "soon"));
    assertEquals(400, wrongType.status());
    assertEquals("ttlSeconds", wrongType.text("/error/param"));
    assertTrue(absent(client.get(cache("settings"), orgAdminKey).path("/updatedAt")));
  }

  @Test
  void whoMayReadAndChangeTheCache() throws Exception {
    String before = client.get(cache("settings"), KEY).raw();
    for (String key : new String[] {auditorKey, memberKey}) {
      Answer refused = client.patch(cache("settings"), key, obj("semanticEnabled", true));
      assertEquals(403, refused.status(), refused.raw());
      assertEquals("permission_error", refused.text("/error/type"));
      assertEquals(403, client.post(cache("purge"), key, "{}").status());
    }
    assertEquals(403, client.get(cache("settings"), memberKey).status());
    assertEquals(403, client.get(cache("stats"), memberKey).status());
    assertEquals(
        403,
        client.patch(cache("settings"), orgAdminKey, obj("scope", "GLOBAL")).status(),
        "sharing answers with other organisations is the platform admin's call");
    assertEquals(before, client.get(cache("settings"), KEY).raw());
    assertEquals(
        403,
        client.get("/admin/api/orgs/org_default/cache/settings", orgAdminKey).status(),
        "another organisation's cache");
    assertEquals(
        "GLOBAL", client.patch(cache("settings"), KEY, obj("scope", "global")).text("/scope"));
    assertEquals(404, client.get("/admin/api/orgs/org_missing/cache/settings", KEY).status());
    assertEquals(401, client.get(cache("settings"), null).status());
  }

  @Test
  void statisticsAndPurge() throws Exception {
    Answer stats = client.get(cache("stats"), auditorKey);
    assertEquals(200, stats.status(), stats.raw());
    assertEquals(org, stats.text("/orgId"));
    for (String tier : new String[] {"l1", "l2"}) {
      assertEquals(0, stats.path("/" + tier + "/hits").asLong());
      assertEquals(0, stats.path("/" + tier + "/entries").asLong());
      assertTrue(absent(stats.path("/" + tier + "/hitRatio")), "no lookups yet");
    }
    Answer purged =
        client.post(cache("purge"), orgAdminKey, obj("model", "gpt-4o", "olderThanSeconds", 60));
    assertEquals(200, purged.status(), purged.raw());
    assertEquals(0, purged.path("/removed").asLong());
    assertEquals(200, client.post(cache("purge"), orgAdminKey, null).status());
    Answer bad = client.post(cache("purge"), orgAdminKey, obj("olderThanSeconds", -5));
    assertEquals(400, bad.status());
    assertEquals("olderThanSeconds", bad.text("/error/param"));
  }

  @Test
  void theEmbeddingModelLoadsInsideTheServer() throws Exception {
    // The IT server warms the model up at start (hyperion.cache.embedder.warm-up): from
    // lib/global, with ONNX Runtime's natives, the tokenizer and its logging facade.
    long deadline = System.nanoTime() + 60_000_000_000L;
    Answer stats = client.get(cache("stats"), KEY);
    while (absent(stats.path("/embeddingModelLoadMillis")) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      stats = client.get(cache("stats"), KEY);
    }
    assertEquals("all-minilm-l6-v2-q", stats.text("/embeddingModel"));
    // Loaded (the figure is present); it can round to 0 ms when the ONNX session was already
    // created in this JVM by another instance of the model class.
    assertFalse(absent(stats.path("/embeddingModelLoadMillis")), stats.raw());
    assertTrue(stats.path("/embeddingModelLoadMillis").asLong() >= 0, stats.raw());
  }

  @Test
  void theCacheAdminApiIsDescribedInOpenApi() throws Exception {
    Answer openapi = client.call("GET", "/openapi?format=JSON", null, null);
    assertTrue(openapi.body().path("paths").has("/admin/api/orgs/{orgId}/cache/settings"));
    assertTrue(openapi.body().path("paths").has("/admin/api/orgs/{orgId}/cache/purge"));
  }
}
