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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code FakeInferenceServer} process, and every chat goes through the data path {@code
 * /api/d/{id}/chat/completions} with virtual keys. Provision → building (a chat sent now waits and
 * is answered once the endpoint is up) → up (e-mail to the owner through GreenMail on 127.0.0.1) →
 * chat, streamed and not, by a member's key → idle → sleeping (the process is gone) → a chat wakes
 * it (→ waking_up → up) and is answered → GPU time in the admin API → delete (e-mail). A server
 * that exits at start fails with an e-mail and a 502 on the data path; one still loading gives 503
 * with Retry-After; another organisation's key gets 404; a revoked key gets 401 at once; the access
 * token appears in no answer and no server log.
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(NoSecretsInServerLogs.class)
class DedicatedEndpointsIT {

  private static final String KEY = "hk-it-bootstrap-key-0123456789";
  private static final String TOKEN = "hf_itGatedWeightsToken9876543210abc";
  private static final String MODEL = "hyperion-it/tiny-0.5b";

  /** {@code hyperion.dedicated.wake-wait-seconds} of the test server (arquillian.xml). */
  private static final long WAKE_WAIT_SECONDS = 20;

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static final Pattern SERVER_PORT = Pattern.compile("running on http://127.0.0.1:(\\d+)");
  private static GreenMail mail;

  private final String gateway = "http://127.0.0.1:" + Integer.getInteger("it.http.port");
  private final AdminClient client = new AdminClient(gateway);

  /** Every answer the gateway gave in a test, to check that no secret appears in any. */
  private final List<String> answers = new CopyOnWriteArrayList<>();

  private String org;
  private String ownerEmail;
  private String ownerKey;
  private String memberKey;
  private String otherOrgKey;

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
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

  private Answer created(Answer answer) {
    answers.add(answer.raw());
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private Answer seen(Answer answer) {
    answers.add(answer.raw());
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
                "/admin/api/orgs/" + orgId + "/keys",
                KEY,
                obj("name", "k", "userId", userId, "purposes", List.of("admin", "data-plane"))))
        .text("/key");
  }

  private String status(String id) throws Exception {
    Answer answer = seen(client.get("/api/endpoints/" + id, ownerKey));
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

  private HttpRequest.Builder chatRequest(String path, String key, boolean stream) {
    return HttpRequest.newBuilder(URI.create(gateway + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + key)
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"model\":\"anything\",\"stream\":"
                    + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
  }

  /** A chat through the data path, recorded among the answers. */
  private HttpResponse<String> chat(String path, String key, boolean stream) throws Exception {
    HttpResponse<String> response =
        HTTP.send(chatRequest(path, key, stream).build(), HttpResponse.BodyHandlers.ofString());
    answers.add(response.headers().map() + " " + response.body());
    return response;
  }

  private static String dataPath(String id) {
    return "/api/d/" + id + "/chat/completions";
  }

  private Answer provision(String key, String model, String token, int idleSeconds)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("name", "it " + model);
    body.put("contextLength", 4096);
    body.put("maxConcurrency", 2);
    body.put("scaling", Map.of("minReplicas", 0, "maxReplicas", 1, "idleSeconds", idleSeconds));
    if (token != null) {
      body.put("accessToken", token);
    }
    return seen(client.post("/api/provision", key, AdminClient.JSON.writeValueAsString(body)));
  }

  private static void assertDedicated(HttpResponse<String> response, String id) {
    assertEquals("dedicated", response.headers().firstValue("x-hyperion-route-mode").orElse(null));
    assertEquals(id, response.headers().firstValue("x-hyperion-provider").orElse(null));
    assertEquals(MODEL, response.headers().firstValue("x-hyperion-model").orElse(null));
  }

  @Test
  void provisionServeSleepWakeAndDelete() throws Exception {
    Answer provisioned = created(provision(ownerKey, MODEL, TOKEN, 3));
    String id = provisioned.text("/id");
    assertTrue(id.matches("endpt-[a-z0-9]{12}"), id);
    assertEquals(dataPath(id), provisioned.text("/url"));
    assertEquals("building", provisioned.text("/status"));
    assertTrue(provisioned.path("/accessTokenSet").asBoolean());
    assertEquals("l4-24gb", provisioned.text("/hardware/id"));
    // Sent while it builds: the request waits, holding no thread, and is answered once it is up.
    CompletableFuture<HttpResponse<String>> early =
        HTTP.sendAsync(
            chatRequest(dataPath(id), memberKey, false).build(),
            HttpResponse.BodyHandlers.ofString());

    awaitStatus(id, "up", Duration.ofSeconds(60));
    awaitMail(ownerEmail, id + " is up");
    HttpResponse<String> whileBuilding = early.get(60, TimeUnit.SECONDS);
    answers.add(whileBuilding.body());
    assertEquals(200, whileBuilding.statusCode(), whileBuilding.body());
    assertDedicated(whileBuilding, id);

    Answer other = seen(client.get("/api/endpoints/" + id, otherOrgKey));
    assertEquals(404, other.status(), other.raw());
    HttpResponse<String> otherChat = chat(dataPath(id), otherOrgKey, false);
    assertEquals(404, otherChat.statusCode(), otherChat.body());
    HttpResponse<String> unknown = chat(dataPath("endpt-000000000000"), otherOrgKey, false);
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertEquals(
        otherChat.body().replace(id, "X"),
        unknown.body().replace("endpt-000000000000", "X"),
        "another organisation's endpoint looks exactly like one that does not exist");
    assertTrue(otherChat.body().contains("\"code\":\"endpoint_not_found\""), otherChat.body());

    HttpResponse<String> answer = chat(dataPath(id), memberKey, false);
    assertEquals(200, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("\"model\":\"" + MODEL + "\""), answer.body());
    assertTrue(answer.body().contains("\"object\":\"chat.completion\""), answer.body());
    assertDedicated(answer, id);
    HttpResponse<String> streamed =
        HTTP.send(
            chatRequest("/api/d/" + id + "/v1/chat/completions", memberKey, true)
                .header("x-hyperion-debug", "1")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    answers.add(streamed.body());
    assertEquals(200, streamed.statusCode(), streamed.body());
    assertTrue(
        streamed.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
    assertTrue(streamed.body().contains("chat.completion.chunk"), streamed.body());
    assertTrue(streamed.body().strip().endsWith("data: [DONE]"), streamed.body());
    assertDedicated(streamed, id);
    assertTrue(
        streamed.headers().firstValue("Server-Timing").orElse("").contains("dedicated;dur="),
        streamed.headers().map().toString());

    Answer listed = seen(client.get("/admin/api/orgs/" + org + "/endpoints", ownerKey));
    assertEquals(1, listed.path("/total").asInt(), listed.raw());
    Answer logs = seen(client.get("/api/endpoints/" + id + "/logs?lines=50", ownerKey));
    assertEquals(200, logs.status(), logs.raw());
    assertTrue(logs.raw().contains("HF_TOKEN=hf_i****"), logs.raw());
    int firstPort = serverPort(logs);

    awaitStatus(id, "sleeping", Duration.ofSeconds(30));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (portStillAnswers(firstPort) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThrows(ConnectException.class, () -> direct(firstPort), "the process is gone");

    long wakeStart = System.nanoTime();
    HttpResponse<String> afterWake = chat(dataPath(id), ownerKey, false);
    long wakeMillis = (System.nanoTime() - wakeStart) / 1_000_000;
    assertEquals(200, afterWake.statusCode(), afterWake.body());
    assertDedicated(afterWake, id);
    assertEquals("up", status(id));
    System.out.println("DEDICATED_WAKE_MS " + wakeMillis);

    JsonNode events =
        seen(client.get("/api/endpoints/" + id + "/events?limit=500", ownerKey)).body();
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

    Answer gpu = seen(client.get("/admin/api/orgs/" + org + "/gpu-usage", ownerKey));
    assertEquals(200, gpu.status(), gpu.raw());
    assertEquals(id, gpu.text("/rows/0/endpointId"), gpu.raw());
    assertEquals("nvidia-l4", gpu.text("/rows/0/gpuKind"), gpu.raw());
    assertTrue(gpu.path("/gpuHours").asDouble() > 0, gpu.raw());
    assertTrue(gpu.path("/costUsd").asDouble() > 0, gpu.raw());
    Answer gpuByMember = seen(client.get("/admin/api/orgs/" + org + "/gpu-usage", memberKey));
    assertEquals(403, gpuByMember.status(), gpuByMember.raw());

    Answer deleting = seen(client.delete("/api/endpoints/" + id, ownerKey));
    assertEquals(202, deleting.status(), deleting.raw());
    assertEquals("deleting", deleting.text("/status"));
    awaitStatus(id, "gone", Duration.ofSeconds(30));
    awaitMail(ownerEmail, id + " was deleted");
    HttpResponse<String> afterDelete = chat(dataPath(id), ownerKey, false);
    assertEquals(404, afterDelete.statusCode(), afterDelete.body());

    assertTrue(answers.stream().noneMatch(a -> a.contains(TOKEN)), "the token in an answer");
    assertTrue(serverLogs().stream().noneMatch(line -> line.contains(TOKEN)));
  }

  /** The port the endpoint's server said it listens on (its last start). */
  private static int serverPort(Answer logs) {
    Matcher matcher = SERVER_PORT.matcher(logs.raw());
    int port = -1;
    while (matcher.find()) {
      port = Integer.parseInt(matcher.group(1));
    }
    assertTrue(port > 0, logs.raw());
    return port;
  }

  private static HttpResponse<String> direct(int port) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static boolean portStillAnswers(int port) {
    try {
      direct(port);
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
    Answer failed = seen(client.get("/api/endpoints/" + id, ownerKey));
    assertTrue(failed.text("/statusMessage").contains("exited with code 3"), failed.raw());
    awaitMail(ownerEmail, id + " failed");
    HttpResponse<String> chat = chat(dataPath(id), memberKey, false);
    assertEquals(502, chat.statusCode(), chat.body());
    assertTrue(chat.body().contains("\"code\":\"endpoint_failed\""), chat.body());
    assertTrue(chat.body().contains("status failed"), chat.body());
    assertTrue(chat.body().contains("exited with code 3"), chat.body());
    assertEquals(202, seen(client.delete("/api/endpoints/" + id, ownerKey)).status());
    awaitStatus(id, "gone", Duration.ofSeconds(30));
  }

  @Test
  void aServerStillLoadingGives503WithRetryAfterOnceTheWaitIsOver() throws Exception {
    String id = created(provision(ownerKey, "hyperion-it/slow-0.5b", null, 60)).text("/id");
    long start = System.nanoTime();
    HttpResponse<String> waiting = chat(dataPath(id), memberKey, true);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(503, waiting.statusCode(), waiting.body());
    assertTrue(waiting.body().contains("\"code\":\"endpoint_waking\""), waiting.body());
    assertTrue(waiting.body().contains("status building"), waiting.body());
    assertTrue(
        waiting.headers().firstValue("Retry-After").isPresent(),
        waiting.headers().map().toString());
    assertEquals("dedicated", waiting.headers().firstValue("x-hyperion-route-mode").orElse(null));
    assertTrue(
        waitedMillis >= WAKE_WAIT_SECONDS * 1000 - 500, "answered after " + waitedMillis + " ms");
    assertEquals("building", status(id));
    assertEquals(202, seen(client.delete("/api/endpoints/" + id, ownerKey)).status());
    awaitStatus(id, "gone", Duration.ofSeconds(30));
  }

  @Test
  void onlyAdminsProvisionAndBadRequestsNameTheirFields() throws Exception {
    Answer member = provision(memberKey, MODEL, null, 60);
    assertEquals(403, member.status(), member.raw());
    assertEquals(0, client.get("/api/endpoints", ownerKey).path("/total").asInt());

    Answer tooLarge = provision(ownerKey, "acme/giant-70b", null, 60);
    assertEquals(400, tooLarge.status(), tooLarge.raw());
    assertEquals("model_too_large", tooLarge.text("/error/code"));
    Answer badField = client.post("/api/provision", ownerKey, obj("model", MODEL, "gpus", 8));
    assertEquals(400, badField.status());
    assertEquals("gpus", badField.text("/error/param"));
    Answer noKey = client.post("/api/provision", null, obj("model", "x-1b"));
    assertEquals(401, noKey.status());
  }

  @Test
  void aRevokedKeyIsRefusedOnTheDataPathAtOnce() throws Exception {
    String ownerId = client.get("/admin/api/me", ownerKey).text("/userId");
    Answer spare =
        created(
            client.post(
                "/admin/api/orgs/" + org + "/keys",
                KEY,
                obj(
                    "name",
                    "spare",
                    "userId",
                    ownerId,
                    "purposes",
                    List.of("admin", "data-plane"))));
    String spareKey = spare.text("/key");
    HttpResponse<String> before = chat(dataPath("endpt-000000000000"), spareKey, false);
    assertEquals(404, before.statusCode(), "a valid key reaches the endpoint look-up");
    Answer revoked =
        client.post(
            "/admin/api/orgs/" + org + "/keys/" + spare.text("/details/id") + "/revoke", KEY, null);
    assertEquals(200, revoked.status(), revoked.raw());

    HttpResponse<String> after = chat(dataPath("endpt-000000000000"), spareKey, false);
    assertEquals(401, after.statusCode(), after.body());
    assertTrue(after.body().contains("\"code\":\"revoked_api_key\""), after.body());
    HttpResponse<String> noKey =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(gateway + dataPath("endpt-000000000000")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, noKey.statusCode(), noKey.body());
  }
}
