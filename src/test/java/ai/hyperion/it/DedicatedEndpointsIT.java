package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dedicated endpoints through the running server, on the local platform: each endpoint is a real
 * {@code FakeInferenceServer} process. Provision → building → up (e-mail to the owner through
 * GreenMail on 127.0.0.1) → idle → sleeping (the process is gone) → woken through the data path's
 * seam (→ waking_up → up; the process answers a real HTTP call) → delete (e-mail). A server that
 * exits at start fails with an e-mail; another organisation's key gets 404; the access token
 * appears in no answer and no server log. The deployment adds {@link DedicatedSeamResource}, a test
 * stand-in for the data-path resource that calls the seam.
 */
@ExtendWith(ArquillianExtension.class)
class DedicatedEndpointsIT {

  private static final String KEY = "hk-it-bootstrap-key-0123456789";
  private static final String TOKEN = "hf_itGatedWeightsToken9876543210abc";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static GreenMail mail;

  private final AdminClient client =
      new AdminClient("http://127.0.0.1:" + Integer.getInteger("it.http.port"));
  private String org;
  private String ownerEmail;
  private String ownerKey;
  private String memberKey;
  private String otherOrgKey;

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")))
        .addClass(DedicatedSeamResource.class);
  }

  @BeforeAll
  static void startMailServer() {
    mail = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", "smtp"));
    mail.start();
  }

  @AfterAll
  static void stopMailServer() {
    mail.stop();
  }

  @BeforeEach
  void createOrganisations() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    org = created(client.post("/admin/api/orgs", KEY, obj("name", "ded-" + suffix))).text("/id");
    ownerEmail = "owner-" + suffix + "@it.test";
    ownerKey = keyOf(org, user(org, ownerEmail, "ORG_ADMIN"));
    memberKey = keyOf(org, user(org, "dev-" + suffix + "@it.test", "MEMBER"));
    String other =
        created(client.post("/admin/api/orgs", KEY, obj("name", "rival-" + suffix))).text("/id");
    otherOrgKey = keyOf(other, user(other, "boss-" + suffix + "@it.test", "ORG_ADMIN"));
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private String user(String orgId, String email, String role) throws Exception {
    return created(
            client.post(
                "/admin/api/orgs/" + orgId + "/users", KEY, obj("email", email, "role", role)))
        .text("/id");
  }

  private String keyOf(String orgId, String userId) throws Exception {
    return created(
            client.post(
                "/admin/api/orgs/" + orgId + "/keys", KEY, obj("name", "k", "userId", userId)))
        .text("/key");
  }

  private String status(String id) throws Exception {
    Answer answer = client.get("/api/endpoints/" + id, ownerKey);
    return answer.status() == 404 ? "gone" : answer.text("/status");
  }

  private void awaitStatus(String id, String expected, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    String seen = status(id);
    while (!seen.equals(expected)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(id + " is " + seen + ", expected " + expected);
      }
      Thread.sleep(100);
      seen = status(id);
    }
  }

  private List<String> mailsTo(String address) throws MessagingException {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      if (message.getAllRecipients()[0].toString().equals(address)) {
        subjects.add(message.getSubject());
      }
    }
    return subjects;
  }

  private void awaitMail(String address, String subjectPart) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (mailsTo(address).stream().noneMatch(s -> s.contains(subjectPart))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "No mail '" + subjectPart + "' to " + address + ": " + mailsTo(address));
      }
      Thread.sleep(100);
    }
  }

  private static HttpResponse<String> chat(String baseUrl, boolean stream) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"model\":\"x\",\"stream\":"
                        + stream
                        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Answer provision(String key, String model, String token, int idleSeconds)
      throws Exception {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("model", model);
    body.put("name", "it " + model);
    body.put("contextLength", 4096);
    body.put("maxConcurrency", 2);
    body.put("scaling", Map.of("minReplicas", 0, "maxReplicas", 1, "idleSeconds", idleSeconds));
    if (token != null) {
      body.put("accessToken", token);
    }
    return client.post("/api/provision", key, AdminClient.JSON.writeValueAsString(body));
  }

  @Test
  void provisionServeSleepWakeAndDelete() throws Exception {
    Answer provisioned = created(provision(ownerKey, "hyperion-it/tiny-0.5b", TOKEN, 3));
    String id = provisioned.text("/id");
    assertTrue(id.matches("endpt-[a-z0-9]{12}"), id);
    assertEquals("/api/d/" + id + "/chat/completions", provisioned.text("/url"));
    assertEquals("building", provisioned.text("/status"));
    assertTrue(provisioned.path("/accessTokenSet").asBoolean());
    assertEquals("l4-24gb", provisioned.text("/hardware/id"));
    assertFalse(provisioned.raw().contains(TOKEN));

    awaitStatus(id, "up", Duration.ofSeconds(60));
    awaitMail(ownerEmail, id + " is up");

    Answer other = client.get("/api/endpoints/" + id, otherOrgKey);
    assertEquals(404, other.status(), other.raw());
    Answer otherSeam = client.post("/it/dedicated/" + id + "/resolve", otherOrgKey, null);
    assertEquals(404, otherSeam.status(), otherSeam.raw());
    assertEquals("endpoint_not_found", otherSeam.text("/error/code"));
    Answer unknown = client.post("/it/dedicated/endpt-000000000000/resolve", otherOrgKey, null);
    assertEquals(404, unknown.status(), unknown.raw());
    assertEquals(
        otherSeam.text("/error/message").replace(id, "X"),
        unknown.text("/error/message").replace("endpt-000000000000", "X"));

    Answer target = client.post("/it/dedicated/" + id + "/resolve", ownerKey, null);
    assertEquals(200, target.status(), target.raw());
    assertEquals("hyperion-it/tiny-0.5b", target.text("/model"));
    String firstBase = target.text("/baseUrl");
    HttpResponse<String> answer = chat(firstBase, false);
    assertEquals(200, answer.statusCode());
    assertTrue(answer.body().contains("\"model\":\"hyperion-it/tiny-0.5b\""), answer.body());
    HttpResponse<String> streamed = chat(firstBase, true);
    assertTrue(streamed.body().contains("data: [DONE]"), streamed.body());

    Answer listed = client.get("/admin/api/orgs/" + org + "/endpoints", ownerKey);
    assertEquals(1, listed.path("/total").asInt(), listed.raw());
    Answer logs = client.get("/api/endpoints/" + id + "/logs?lines=50", ownerKey);
    assertEquals(200, logs.status(), logs.raw());
    assertTrue(logs.raw().contains("HF_TOKEN=hf_i****"), logs.raw());
    assertFalse(logs.raw().contains(TOKEN));

    awaitStatus(id, "sleeping", Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (portStillAnswers(firstBase) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThrows(ConnectException.class, () -> chat(firstBase, false), "the process is gone");

    long wakeStart = System.nanoTime();
    Answer woken = client.post("/it/dedicated/" + id + "/resolve", ownerKey, null);
    assertEquals(200, woken.status(), woken.raw());
    HttpResponse<String> afterWake = chat(woken.text("/baseUrl"), false);
    long wakeMillis = (System.nanoTime() - wakeStart) / 1_000_000;
    assertEquals(200, afterWake.statusCode());
    assertEquals("up", status(id));
    System.out.println("DEDICATED_WAKE_MS " + wakeMillis);
    Files.writeString(
        Path.of("target", "dedicated-wake-ms.txt"), wakeMillis + "\n", StandardCharsets.UTF_8);

    JsonNode events = client.get("/api/endpoints/" + id + "/events?limit=500", ownerKey).body();
    List<String> states = new ArrayList<>();
    events
        .path("data")
        .forEach(
            e -> {
              if (e.path("kind").asText().equals("state") && !e.path("to").isNull()) {
                states.add(e.path("to").asText());
              }
            });
    assertEquals(List.of("building", "up", "sleeping", "waking_up", "up"), states);

    Answer deleting = client.delete("/api/endpoints/" + id, ownerKey);
    assertEquals(202, deleting.status(), deleting.raw());
    assertEquals("deleting", deleting.text("/status"));
    awaitStatus(id, "gone", Duration.ofSeconds(30));
    awaitMail(ownerEmail, id + " was deleted");
    assertTrue(serverLogs().stream().noneMatch(line -> line.contains(TOKEN)));
  }

  private static boolean portStillAnswers(String baseUrl) {
    try {
      chat(baseUrl, false);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> serverLogs() throws IOException {
    Path dir = Path.of(System.getProperty("it.server.logs"));
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
      }
    }
    assertFalse(lines.isEmpty(), "no server log in " + dir);
    return lines;
  }

  @Test
  void aServerThatExitsAtStartFailsAndTheOwnerIsTold() throws Exception {
    String id = created(provision(ownerKey, "hyperion-it/crash-0.5b", null, 60)).text("/id");
    awaitStatus(id, "failed", Duration.ofSeconds(60));
    Answer failed = client.get("/api/endpoints/" + id, ownerKey);
    assertTrue(failed.text("/statusMessage").contains("exited with code 3"), failed.raw());
    awaitMail(ownerEmail, id + " failed");
    Answer seam = client.post("/it/dedicated/" + id + "/resolve", ownerKey, null);
    assertEquals(502, seam.status(), seam.raw());
    assertTrue(seam.text("/error/message").contains("status failed"), seam.raw());
    assertEquals(202, client.delete("/api/endpoints/" + id, ownerKey).status());
    awaitStatus(id, "gone", Duration.ofSeconds(30));
  }

  @Test
  void onlyAdminsProvisionAndBadRequestsNameTheirFields() throws Exception {
    Answer member = provision(memberKey, "hyperion-it/tiny-0.5b", null, 60);
    assertEquals(403, member.status(), member.raw());
    assertEquals(0, client.get("/api/endpoints", ownerKey).path("/total").asInt());

    Answer tooLarge = provision(ownerKey, "acme/giant-70b", null, 60);
    assertEquals(400, tooLarge.status(), tooLarge.raw());
    assertEquals("model_too_large", tooLarge.text("/error/code"));
    Answer badField =
        client.post("/api/provision", ownerKey, obj("model", "hyperion-it/tiny-0.5b", "gpus", 8));
    assertEquals(400, badField.status());
    assertEquals("gpus", badField.text("/error/param"));
    Answer noKey = client.post("/api/provision", null, obj("model", "x-1b"));
    assertEquals(401, noKey.status());

    String ownerId = client.get("/admin/api/me", ownerKey).text("/userId");
    Answer spare =
        created(
            client.post(
                "/admin/api/orgs/" + org + "/keys", KEY, obj("name", "spare", "userId", ownerId)));
    assertEquals(200, client.get("/api/endpoints", spare.text("/key")).status());
    client.post(
        "/admin/api/orgs/" + org + "/keys/" + spare.text("/details/id") + "/revoke", KEY, null);
    Answer revoked = client.get("/api/endpoints", spare.text("/key"));
    assertEquals(401, revoked.status(), revoked.raw());
    assertEquals("revoked_api_key", revoked.text("/error/code"));
    Answer revokedSeam =
        client.post("/it/dedicated/endpt-000000000000/resolve", spare.text("/key"), null);
    assertEquals(401, revokedSeam.status(), revokedSeam.raw());
  }
}
