package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** WebSocket {@code /v1/stream} through the real server: auth, events, final message, errors. */
class StreamSocketIT extends GatewayIT {

  private static URI socketUri() {
    return URI.create("ws://127.0.0.1:" + Integer.getInteger("it.http.port") + "/v1/stream");
  }

  private static WebSocket connect(SocketInbox inbox, boolean withKey) throws Exception {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    if (withKey) {
      builder.header("Authorization", "Bearer " + KEY);
    }
    return builder.buildAsync(socketUri(), inbox).get(30, TimeUnit.SECONDS);
  }

  private static String request(String id, String text) {
    return "{\"type\":\"request\",\"id\":\""
        + id
        + "\",\"body\":{\"model\":\"gpt-4o\",\"stream_options\":{\"include_usage\":true},"
        + "\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}}";
  }

  @Test
  void twoRequestsOnOneSocketEachGetTheirEventsAndAFinalMessage() throws Exception {
    SocketInbox inbox = new SocketInbox();
    WebSocket socket = connect(inbox, true);
    socket.sendText(request("a", "socket one"), true).get(10, TimeUnit.SECONDS);
    socket.sendText(request("b", "socket two"), true).get(10, TimeUnit.SECONDS);

    List<JsonNode> a = new ArrayList<>();
    List<JsonNode> b = new ArrayList<>();
    int done = 0;
    while (done < 2) {
      JsonNode message = inbox.next();
      (message.path("id").asText().equals("a") ? a : b).add(message);
      if (message.path("type").asText().equals("done")) {
        done++;
      }
    }
    for (List<JsonNode> stream : List.of(a, b)) {
      JsonNode last = stream.get(stream.size() - 1);
      assertEquals("done", last.path("type").asText(), stream.toString());
      assertEquals(200, last.path("status").asInt(), last.toString());
      assertTrue(last.at("/usage/completion_tokens").asInt() > 0, last.toString());
      assertEquals("openai", last.at("/headers/x-hyperion-provider").asText(), last.toString());
      assertTrue(last.at("/headers/x-hyperion-request-id").asText().startsWith("req_"));
      assertEquals(
          last.at("/headers/x-hyperion-request-id").asText(),
          stream.get(0).path("request_id").asText(),
          "the first event names the request like the final message");
      assertTrue(stream.get(1).path("request_id").isMissingNode(), stream.get(1).toString());
      String first = stream.get(0).path("block").asText();
      assertTrue(first.startsWith("data: {"), first);
      assertEquals(
          "assistant",
          JSON.readTree(first.substring(6).strip()).at("/choices/0/delta/role").asText());
      assertEquals("data: [DONE]\n\n", stream.get(stream.size() - 2).path("block").asText());
    }
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aBrowserAuthenticatesWithItsFirstMessage() throws Exception {
    SocketInbox inbox = new SocketInbox();
    WebSocket socket = connect(inbox, false);
    socket.sendText(request("early", "before auth"), true).get(10, TimeUnit.SECONDS);
    JsonNode refused = inbox.next();
    assertEquals("error", refused.path("type").asText(), refused.toString());
    assertEquals(401, refused.path("status").asInt());
    assertEquals("missing_api_key", refused.at("/error/code").asText());

    socket.sendText("{\"type\":\"auth\",\"key\":\"hk-wrong-key-0000000000000\"}", true).get();
    JsonNode wrong = inbox.next();
    assertEquals(401, wrong.path("status").asInt(), wrong.toString());

    socket.sendText("{\"type\":\"auth\",\"key\":\"" + KEY + "\"}", true).get();
    JsonNode ok = inbox.next();
    assertTrue(ok.path("ok").asBoolean(), ok.toString());
    socket.sendText(request("late", "after auth"), true).get(10, TimeUnit.SECONDS);
    JsonNode message;
    do {
      message = inbox.next();
    } while (!message.path("type").asText().equals("done"));
    assertEquals("late", message.path("id").asText());
    assertEquals(200, message.path("status").asInt(), message.toString());
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRefusedRequestGetsAnOpenAiShapedErrorMessage() throws Exception {
    SocketInbox inbox = new SocketInbox();
    WebSocket socket = connect(inbox, true);
    socket.sendText("{\"type\":\"request\",\"id\":\"bad\",\"body\":{\"model\":\"gpt-4o\"}}", true);
    JsonNode error = inbox.next();
    assertEquals("error", error.path("type").asText(), error.toString());
    assertEquals("bad", error.path("id").asText());
    assertEquals(400, error.path("status").asInt(), error.toString());
    assertTrue(error.at("/error/message").isTextual(), error.toString());
    socket.sendText(
        "{\"type\":\"request\",\"id\":\"cut\",\"body\":{\"model\":\"fake-cut\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}",
        true);
    List<JsonNode> cut = new ArrayList<>();
    JsonNode message;
    do {
      message = inbox.next();
      cut.add(message);
    } while (!message.path("type").asText().equals("done"));
    // An upstream cut before its terminal event: an error block, never [DONE].
    String lastBlock = cut.get(cut.size() - 2).path("block").asText();
    assertTrue(lastBlock.contains("stream_truncated"), cut.toString());
    assertEquals(502, message.path("status").asInt(), message.toString());
    CompletableFuture<WebSocket> closed = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    closed.get(10, TimeUnit.SECONDS);
  }
}
