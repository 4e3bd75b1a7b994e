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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin UI's session over plain HTTP: sign-in exchanges a key for a cookie, changes need the
 * CSRF token, API clients keep using their bearer key, revoking the key ends its sessions, and
 * every response under /admin carries the security headers.
 */
class AdminSessionIT extends GatewayIT {

  private static final String COOKIE = "hyperion_admin_session";
  private final AdminClient client = new AdminClient(baseUrl());

  private record Session(String cookie, String csrf, JsonNode body, String setCookie) {}

  private static HttpResponse<String> call(
      String method, String path, String body, String contentType, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Session signIn(String key) throws Exception {
    HttpResponse<String> answer =
        call("POST", "/admin/api/session", obj("key", key), "application/json");
    assertEquals(200, answer.statusCode(), answer.body());
    String setCookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    String value = setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    JsonNode body = JSON.readTree(answer.body());
    return new Session(value, body.path("csrfToken").asText(), body, setCookie);
  }

  private String newOrgAdminKey() throws Exception {
    String org =
        client.post("/admin/api/orgs", KEY, obj("name", "sess-" + UUID.randomUUID())).text("/id");
    String user =
        client
            .post(
                "/admin/api/orgs/" + org + "/users",
                KEY,
                obj("email", "o-" + UUID.randomUUID() + "@it.test", "role", "ORG_ADMIN"))
            .text("/id");
    return client
        .post(
            "/admin/api/orgs/" + org + "/keys",
            KEY,
            obj("name", "ui", "userId", user, "purposes", List.of("admin", "data-plane")))
        .text("/key");
  }

  @Test
  void signInSetsAStrictHttpOnlyCookieAndAnswersWithTheCsrfTokenNotTheKey() throws Exception {
    String key = newOrgAdminKey();
    Session session = signIn(key);
    String cookie = session.setCookie().toLowerCase();
    assertTrue(cookie.startsWith(COOKIE + "="), cookie);
    assertTrue(cookie.contains("httponly"), cookie);
    assertTrue(cookie.contains("samesite=strict"), cookie);
    assertTrue(cookie.contains("path=/admin"), cookie);
    assertFalse(cookie.contains("secure"), "plain HTTP here: " + cookie);
    assertFalse(cookie.contains("max-age") || cookie.contains("expires"), cookie);
    assertEquals("ORG_ADMIN", session.body().path("role").asText());
    assertTrue(session.csrf().length() >= 43);
    assertFalse(session.body().toString().contains(key.substring(12)), "the key came back");
    assertEquals(1800, session.body().path("idleTimeoutSeconds").asInt());

    HttpResponse<String> current =
        call("GET", "/admin/api/session", null, null, "Cookie", COOKIE + "=" + session.cookie());
    assertEquals(200, current.statusCode(), current.body());
    assertEquals(session.csrf(), JSON.readTree(current.body()).path("csrfToken").asText());
  }

  @Test
  void aWrongKeyIsRefusedNamingTheFieldAndAFormPostCannotSignIn() throws Exception {
    HttpResponse<String> wrong =
        call(
            "POST",
            "/admin/api/session",
            obj("key", "hk-AAAAAAAA_" + "x".repeat(32)),
            "application/json");
    assertEquals(401, wrong.statusCode());
    assertEquals("key", JSON.readTree(wrong.body()).at("/error/param").asText());
    assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
    HttpResponse<String> form =
        call("POST", "/admin/api/session", "key=" + KEY, "application/x-www-form-urlencoded");
    assertEquals(415, form.statusCode(), "a cross-site form could otherwise sign a victim in");
  }

  @Test
  void changesNeedTheCsrfTokenWhileApiClientsKeepTheirBearerKey() throws Exception {
    Session session = signIn(newOrgAdminKey());
    String org = session.body().path("orgId").asText();
    String teams = "/admin/api/orgs/" + org + "/teams";
    String cookie = COOKIE + "=" + session.cookie();
    HttpResponse<String> noToken =
        call("POST", teams, obj("name", "no-token"), "application/json", "Cookie", cookie);
    assertEquals(403, noToken.statusCode());
    assertEquals("csrf_token_invalid", JSON.readTree(noToken.body()).at("/error/code").asText());
    HttpResponse<String> withToken =
        call(
            "POST",
            teams,
            obj("name", "with-token"),
            "application/json",
            "Cookie",
            cookie,
            "X-CSRF-Token",
            session.csrf());
    assertEquals(201, withToken.statusCode(), withToken.body());
    HttpResponse<String> read = call("GET", teams, null, null, "Cookie", cookie);
    assertEquals(200, read.statusCode(), "reads need no token");
    assertEquals(201, client.post(teams, KEY, obj("name", "bearer")).status());
    Answer listed = client.get(teams, KEY);
    assertEquals(2, listed.path("/total").asInt(), listed.raw());
  }

  @Test
  void revokingTheKeyEndsItsSessionsAndSignOutEndsTheSession() throws Exception {
    String key = newOrgAdminKey();
    Session first = signIn(key);
    Session second = signIn(key);
    String org = first.body().path("orgId").asText();
    String features = "/admin/api/features";
    HttpResponse<String> signOut =
        call(
            "DELETE",
            "/admin/api/session",
            null,
            null,
            "Cookie",
            COOKIE + "=" + first.cookie(),
            "X-CSRF-Token",
            first.csrf());
    assertEquals(204, signOut.statusCode());
    assertTrue(signOut.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    assertEquals(
        401,
        call("GET", features, null, null, "Cookie", COOKIE + "=" + first.cookie()).statusCode());
    assertEquals(
        200,
        call("GET", features, null, null, "Cookie", COOKIE + "=" + second.cookie()).statusCode());

    String keyId = client.get("/admin/api/orgs/" + org + "/keys", KEY).text("/data/0/id");
    assertEquals(
        200,
        client.post("/admin/api/orgs/" + org + "/keys/" + keyId + "/revoke", KEY, null).status());
    HttpResponse<String> revoked =
        call("GET", features, null, null, "Cookie", COOKIE + "=" + second.cookie());
    assertEquals(401, revoked.statusCode());
    assertEquals("revoked_api_key", JSON.readTree(revoked.body()).at("/error/code").asText());
  }

  @Test
  void everyResponseUnderAdminCarriesTheSecurityHeaders() throws Exception {
    for (String path :
        List.of(
            "/admin/",
            "/admin/index.html",
            "/admin/js/app.js",
            "/admin/css/app.css",
            "/admin/vendor/uplot/uPlot.esm.js",
            "/admin/api/session",
            "/admin/api/features")) {
      HttpResponse<String> answer = call("GET", path, null, null);
      String csp = answer.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
      assertTrue(
          csp.contains("script-src 'self'") || csp.contains("default-src 'none'"),
          path + ": " + csp);
      assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
      assertEquals("no-referrer", answer.headers().firstValue("Referrer-Policy").orElse(""));
    }
    HttpResponse<String> page = call("GET", "/admin/", null, null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script type=\"module\" src=\"js/app.js\">"));
    assertFalse(page.body().contains("<script>"), "no inline script");
    assertEquals(
        "text/javascript; charset=utf-8",
        call("GET", "/admin/js/app.js", null, null)
            .headers()
            .firstValue("Content-Type")
            .orElse(""));
    assertEquals(404, call("GET", "/admin/README.md", null, null).statusCode());
  }
}
