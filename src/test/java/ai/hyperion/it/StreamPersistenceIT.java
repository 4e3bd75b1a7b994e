package ai.hyperion.it;

import static ai.hyperion.it.AdminClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.it.AdminClient.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers kept for clients that went away (issue 12): a client that drops after the first chunk
 * fetches the whole answer later by its request id, equal to what a connected client got from the
 * same upstream script (over SSE and over WebSocket {@code /v1/stream}); while the upstream is
 * still held, the request reads as in progress and an SSE fetch follows it live; another
 * organisation's key gets 404; a stream the upstream cut is kept as incomplete.
 */
class StreamPersistenceIT extends GatewayIT {

  private final AdminClient admin = new AdminClient(baseUrl());
  private String org;
  private String key;
  private String otherKey;

  @BeforeEach
  void createTwoOrganisations() throws Exception {
    String[] a = org();
    org = a[0];
    key = a[1];
    otherKey = org()[1];
  }

  private String[] org() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String id =
        created(admin.post("/admin/api/orgs", KEY, obj("name", "sp-" + suffix))).text("/id");
    String user =
        created(
                admin.post(
                    "/admin/api/orgs/" + id + "/users",
                    KEY,
                    obj("email", "sp-" + suffix + "@it.test", "role", "MEMBER")))
            .text("/id");
    String k =
        created(
                admin.post(
                    "/admin/api/orgs/" + id + "/keys", KEY, obj("name", "m", "userId", user)))
            .text("/key");
    return new String[] {id, k};
  }

  private static Answer created(Answer answer) {
    assertEquals(201, answer.status(), answer.raw());
    return answer;
  }

  private static String streamBody(String model, String text) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  /** The assistant text of an SSE body's chunks, and whether it ended with [DONE]. */
  private record Streamed(String text, boolean done, List<String> data, String firstComment) {}

  /**
   * The answer kept for a client that left: the whole of what a connected client received, ended
   * normally, marked as disconnected and metered.
   */
  private static void assertKeptWhole(JsonNode kept, Streamed reference) {
    assertEquals("chat.completion", kept.path("object").asText());
    assertEquals(reference.text(), kept.at("/choices/0/message/content").asText());
    assertEquals("stop", kept.at("/choices/0/finish_reason").asText());
    assertTrue(kept.path("client_disconnected").asBoolean(), kept.toString());
    assertTrue(kept.at("/usage/completion_tokens").asInt() > 0, kept.toString());
  }

  private static Streamed read(BufferedReader reader) throws Exception {
    StringBuilder text = new StringBuilder();
    List<String> data = new ArrayList<>();
    String comment = null;
    boolean done = false;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.startsWith(":") && comment == null) {
        comment = line;
      }
      if (!line.startsWith("data: ")) {
        continue;
      }
      String payload = line.substring(6);
      data.add(payload);
      if (payload.equals("[DONE]")) {
        done = true;
        continue;
      }
      for (JsonNode choice : JSON.readTree(payload).path("choices")) {
        text.append(choice.at("/delta/content").asText(""));
      }
    }
    return new Streamed(text.toString(), done, data, comment);
  }

  private HttpResponse<String> fetch(String id, String withKey) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri("/v1/requests/" + id))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + withKey)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode awaitState(String id, String state) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> got = fetch(id, key);
      last = got.statusCode() + " " + got.body();
      // A finished answer counts once it is read back from the store (it has completed_at),
      // not while it is still the live stream that just ended.
      boolean stored = state.equals("in_progress") || json(got).has("completed_at");
      if (got.statusCode() == 200 && stored && state.equals(json(got).path("status").asText())) {
        return json(got);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("request " + id + " never reached " + state + ": " + last);
  }

  /** What a client that stays to the end receives for the gated upstream script. */
  private Streamed connectedClient() throws Exception {
    String gate = "ref-" + UUID.randomUUID();
    HttpResponse<InputStream> response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("gpt-4o", "!gate:" + gate)))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    upstream.open(gate);
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      return read(reader);
    }
  }

  @Test
  void aClientThatDropsAfterTheFirstChunkFetchesTheWholeAnswerByItsId() throws Exception {
    Streamed reference = connectedClient();
    assertTrue(reference.done());
    assertTrue(reference.text().startsWith("I'm unable"), reference.text());

    String gate = "drop-" + UUID.randomUUID();
    String body = streamBody("gpt-4o", "!gate:" + gate);
    String id;
    // A raw socket, so the client really goes away (RST) after the first chunk.
    try (Socket socket = new Socket("127.0.0.1", Integer.getInteger("it.http.port"))) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Authorization: Bearer "
                  + key
                  + "\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = reader.readLine();
      assertTrue(status.contains(" 200"), status);
      String headerId = null;
      String line;
      while (!(line = reader.readLine()).isEmpty()) {
        if (line.toLowerCase().startsWith("x-hyperion-request-id:")) {
          headerId = line.substring(line.indexOf(':') + 1).trim();
        }
      }
      assertNotNull(headerId);
      String comment = null;
      while ((line = reader.readLine()) != null && !line.startsWith("data: ")) {
        if (line.startsWith(": x-hyperion-request-id ")) {
          comment = line.substring(": x-hyperion-request-id ".length());
        }
      }
      assertNotNull(line, "the first chunk arrived");
      assertEquals(headerId, comment, "the first event names the request like the header");
      id = headerId;
      socket.setSoLinger(true, 0);
    }

    JsonNode running = awaitState(id, "in_progress");
    assertEquals(id, running.path("request_id").asText());
    CompletableFuture<HttpResponse<InputStream>> follower =
        HTTP.sendAsync(
            HttpRequest.newBuilder(uri("/v1/requests/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> live = follower.get(20, TimeUnit.SECONDS);
    assertEquals(200, live.statusCode());
    assertEquals(
        "in_progress", live.headers().firstValue("x-hyperion-request-status").orElseThrow());

    upstream.open(gate);
    Streamed followed;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
      followed = read(reader);
    }
    assertTrue(followed.done(), followed.data().toString());
    assertEquals(reference.text(), followed.text(), "the live follower saw the whole answer");

    assertKeptWhole(awaitState(id, "completed"), reference);

    HttpResponse<String> replay =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/requests/" + id))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Streamed replayed = read(new BufferedReader(new StringReader(replay.body())));
    assertTrue(replayed.done());
    assertEquals(reference.text(), replayed.text(), "the stored answer replays as SSE");

    HttpResponse<String> foreign = fetch(id, otherKey);
    assertEquals(404, foreign.statusCode(), foreign.body());
    assertEquals("request_not_found", json(foreign).at("/error/code").asText());
  }

  private WebSocket socket(SocketInbox inbox) throws Exception {
    return HTTP.newWebSocketBuilder()
        .header("Authorization", "Bearer " + key)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + Integer.getInteger("it.http.port") + "/v1/stream"),
            inbox)
        .get(30, TimeUnit.SECONDS);
  }

  private static String socketRequest(String id, String gate) {
    return "{\"type\":\"request\",\"id\":\""
        + id
        + "\",\"body\":"
        + streamBody("gpt-4o", "!gate:" + gate)
        + "}";
  }

  /** The assistant text of a socket's event messages for one request, up to its final message. */
  private static Streamed readSocket(SocketInbox inbox, String id) throws Exception {
    StringBuilder blocks = new StringBuilder();
    JsonNode message;
    do {
      message = inbox.next();
      assertEquals(id, message.path("id").asText(), message.toString());
      blocks.append(message.path("block").asText(""));
    } while (!message.path("type").asText().equals("done"));
    assertEquals(200, message.path("status").asInt(), message.toString());
    return read(new BufferedReader(new StringReader(blocks.toString())));
  }

  @Test
  void aWebSocketClientThatClosesAfterTheFirstChunkFetchesTheWholeAnswerByItsId() throws Exception {
    SocketInbox connectedInbox = new SocketInbox();
    WebSocket connected = socket(connectedInbox);
    String refGate = "ws-ref-" + UUID.randomUUID();
    connected.sendText(socketRequest("ref", refGate), true).get(10, TimeUnit.SECONDS);
    upstream.open(refGate);
    Streamed reference = readSocket(connectedInbox, "ref");
    connected.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    assertTrue(reference.done(), reference.data().toString());
    assertTrue(reference.text().startsWith("I'm unable"), reference.text());
    assertEquals(connectedClient().text(), reference.text(), "SSE and WebSocket carry one answer");

    SocketInbox inbox = new SocketInbox();
    WebSocket leaving = socket(inbox);
    String gate = "ws-drop-" + UUID.randomUUID();
    leaving.sendText(socketRequest("drop", gate), true).get(10, TimeUnit.SECONDS);
    JsonNode first = inbox.next();
    assertEquals("event", first.path("type").asText(), first.toString());
    assertTrue(first.path("block").asText().startsWith("data: {"), first.toString());
    String id = first.path("request_id").asText();
    assertTrue(id.startsWith("req_"), "the first event names the request: " + first);
    // Gone after the first chunk, while the upstream still holds the rest of the answer.
    leaving.sendClose(WebSocket.NORMAL_CLOSURE, "leaving").get(10, TimeUnit.SECONDS);

    JsonNode running = awaitState(id, "in_progress");
    assertEquals(id, running.path("request_id").asText());
    upstream.open(gate);

    assertKeptWhole(awaitState(id, "completed"), reference);

    HttpResponse<String> foreign = fetch(id, otherKey);
    assertEquals(404, foreign.statusCode(), foreign.body());
    assertEquals("request_not_found", json(foreign).at("/error/code").asText());
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() throws Exception {
    HttpResponse<String> unknown = fetch("req_0000000000000000", key);
    assertEquals(404, unknown.statusCode());
    assertEquals("request_not_found", json(unknown).at("/error/code").asText());
    assertEquals(404, fetch("req%24bad", key).statusCode());
  }

  @Test
  void aStreamTheUpstreamCutIsKeptAsIncompleteWhenTheOrganisationKeepsEverything()
      throws Exception {
    Answer bad =
        admin.patch("/admin/api/orgs/" + org + "/streams/settings", KEY, obj("persistence", "x"));
    assertEquals(400, bad.status(), bad.raw());
    Answer changed =
        admin.patch(
            "/admin/api/orgs/" + org + "/streams/settings",
            KEY,
            obj("persistence", "always", "retentionDays", 2));
    assertEquals(200, changed.status(), changed.raw());
    assertEquals("always", changed.text("/persistence"));
    assertEquals(2, changed.path("/retentionDays").asInt());

    HttpResponse<String> cut =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("fake-cut", "hello")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, cut.statusCode());
    String id = cut.headers().firstValue("x-hyperion-request-id").orElseThrow();
    assertTrue(cut.body().contains("\"error\""), cut.body());
    assertFalse(cut.body().contains("[DONE]"), cut.body());

    JsonNode kept = awaitState(id, "incomplete");
    assertFalse(kept.path("client_disconnected").asBoolean());
    assertFalse(kept.at("/error/code").asText().isEmpty(), kept.toString());
    assertTrue(kept.at("/choices/0/message/content").isTextual(), kept.toString());
  }

  @Test
  void aConnectedClientsAnswerIsNotKeptUnderTheDefaultOnDisconnectMode() throws Exception {
    Answer settings = admin.get("/admin/api/orgs/" + org + "/streams/settings", KEY);
    assertEquals("on-disconnect", settings.text("/persistence"), settings.raw());
    HttpResponse<String> done =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("gpt-4o", "stay")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(done.body().contains("[DONE]"));
    String id = done.headers().firstValue("x-hyperion-request-id").orElseThrow();
    Thread.sleep(500);
    assertEquals(404, fetch(id, key).statusCode());
  }
}
