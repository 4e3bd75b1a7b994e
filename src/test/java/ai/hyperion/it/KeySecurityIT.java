package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Security review 2026-11-30 through the running server (issue 8): H1 (no platform-admin key for an
 * org admin), H2 (data-plane keys are no admin credential, admin keys call no models) and M10
 * (failed authentications throttled per client address).
 */
class KeySecurityIT extends GatewayIT {

  private static final String DEFAULT_KEYS = "/admin/api/orgs/org_default/keys";
  private final AdminClient client = new AdminClient(baseUrl());

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  @Test
  void theQuickstartsApplicationKeyIsNoAdminCredential() throws Exception {
    // README quickstart: the bootstrap admin creates "my-app" for themselves.
    Answer app = created(client.post(DEFAULT_KEYS, KEY, obj("name", "my-app")));
    assertEquals("[\"data-plane\"]", app.path("/details/purposes").toString());
    String appKey = app.text("/key");
    assertEquals(200, client.models(appKey).status());

    Answer me = client.get("/admin/api/me", appKey);
    assertEquals(403, me.status(), me.raw());
    assertEquals("key_not_for_admin", me.text("/error/code"));
    String name = "stolen-" + UUID.randomUUID();
    assertEquals(403, client.post("/admin/api/orgs", appKey, obj("name", name)).status());
    assertTrue(
        client.get("/admin/api/orgs?q=" + name, KEY).path("/data").isEmpty(), "nothing created");

    Answer signIn = client.post("/admin/api/session", null, obj("key", appKey));
    assertEquals(403, signIn.status(), signIn.raw());
    assertEquals("key_not_for_admin", signIn.text("/error/code"));
  }

  @Test
  void anAdminOnlyKeyCallsNoModels() throws Exception {
    String ops =
        created(client.post(DEFAULT_KEYS, KEY, obj("name", "ops", "purposes", List.of("admin"))))
            .text("/key");
    assertEquals(200, client.get("/admin/api/me", ops).status());
    Answer models = client.models(ops);
    assertEquals(403, models.status(), models.raw());
    assertEquals("key_not_for_data_plane", models.text("/error/code"));
    assertEquals("permission_error", models.text("/error/type"));
  }

  @Test
  void anOrgAdminCannotMintOrRotateThePlatformAdminsKey() throws Exception {
    String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@it.test";
    String ownerId =
        created(
                client.post(
                    "/admin/api/orgs/org_default/users",
                    KEY,
                    obj("email", email, "role", "ORG_ADMIN")))
            .text("/id");
    String ownerKey =
        created(
                client.post(
                    DEFAULT_KEYS,
                    KEY,
                    obj("name", "owner", "userId", ownerId, "purposes", List.of("admin"))))
            .text("/key");

    Answer mint =
        client.post(DEFAULT_KEYS, ownerKey, obj("name", "escalate", "userId", "user_admin"));
    assertEquals(403, mint.status(), mint.raw());

    String bootstrapPrefix = client.get("/admin/api/me", KEY).text("/keyPrefix");
    String bootstrapId =
        client
            .get(DEFAULT_KEYS + "?userId=user_admin&q=" + bootstrapPrefix, KEY)
            .text("/data/0/id");
    Answer rotate = client.post(DEFAULT_KEYS + "/" + bootstrapId + "/rotate", ownerKey, null);
    assertEquals(403, rotate.status(), rotate.raw());
    Answer revoke = client.post(DEFAULT_KEYS + "/" + bootstrapId + "/revoke", ownerKey, null);
    assertEquals(403, revoke.status(), revoke.raw());
    assertEquals(200, client.get("/admin/api/me", KEY).status(), "the bootstrap key still works");
  }

  @Test
  void failedAuthenticationsAreThrottledPerClientAddress() throws Exception {
    // The server allows 200 failures a minute per address (arquillian.xml). This test calls from
    // 127.0.0.2, so the other tests' address, 127.0.0.1, keeps its own budget.
    String guess = "hk-Guess" + "000_" + "x".repeat(32);
    Raw last = null;
    for (int i = 0; i < 200; i++) {
      last = fromOtherAddress("/v1/models", guess);
      assertEquals(401, last.status(), last.text());
    }
    Raw throttled = fromOtherAddress("/v1/models", guess);
    assertEquals(429, throttled.status(), throttled.text());
    assertTrue(throttled.header("retry-after") != null, throttled.text());
    assertTrue(throttled.text().contains("too_many_failed_authentications"), throttled.text());
    Raw admin = fromOtherAddress("/admin/api/me", KEY);
    assertEquals(429, admin.status(), "refused before any key is looked at: " + admin.text());

    assertEquals(200, client.models(KEY).status(), "other addresses are unaffected");
  }

  private record Raw(int status, String text) {
    String header(String name) {
      for (String line : text.split("\r\n")) {
        if (line.isEmpty()) {
          return null;
        }
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  private static Raw fromOtherAddress(String path, String key) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress("127.0.0.2", 0));
      socket.connect(new InetSocketAddress("127.0.0.1", Integer.getInteger("it.http.port")), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + key
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Raw(Integer.parseInt(text.substring(9, 12)), text);
    }
  }
}
