package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A conversation moving between providers through the real gateway (issue 19): ids, parameter
 * limits, retry hints and status lines as a client sees them.
 */
class ContinuityIT extends GatewayIT {

  @Test
  void aGeminiToolCallWithAThoughtSignatureContinuesOnBedrock() throws Exception {
    String tools =
        ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"search_docs\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string"
            + "\"}}}}}]";
    String first =
        "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"!thinking-tool-call search the docs\"}]"
            + tools
            + "}";
    HttpResponse<String> answer = send(post("/v1/chat/completions", first));
    assertEquals(200, answer.statusCode(), answer.body());
    JsonNode assistant = json(answer).at("/choices/0/message");
    String id = assistant.at("/tool_calls/0/id").asText();
    assertTrue(id.matches("[A-Za-z0-9_-]{1,40}"), "an id OpenAI accepts: " + id);

    ObjectNode next = (ObjectNode) JSON.readTree(first);
    next.put("model", "claude-bedrock").put("temperature", 1.5);
    ArrayNode messages = (ArrayNode) next.get("messages");
    messages.add(assistant);
    messages.addObject().put("role", "tool").put("tool_call_id", id).put("content", "found");
    HttpResponse<String> continued = send(post("/v1/chat/completions", next.toString()));

    assertEquals(200, continued.statusCode(), continued.body());
    FakeProviders.Seen bedrock = upstream.lastRequestContaining(id);
    assertTrue(bedrock.path().startsWith("/bedrock/"), bedrock.path());
    assertEquals(id, bedrock.body().at("/messages/1/content/0/toolUse/toolUseId").asText());
    assertEquals(id, bedrock.body().at("/messages/2/content/0/toolResult/toolUseId").asText());
    String signature =
        JSON.readTree(Fixtures.text("gemini/generate-content-function-call-thought-signature.json"))
            .at("/candidates/0/content/parts/0/thoughtSignature")
            .asText();
    assertFalse(bedrock.body().toString().contains(signature.substring(0, 40)));
    assertEquals(1.0, bedrock.body().at("/inferenceConfig/temperature").asDouble());
    assertEquals(
        "temperature:1.5->1",
        continued.headers().firstValue("x-hyperion-params-adjusted").orElseThrow());
  }

  @Test
  void geminisRetryDelayInItsBodyBecomesRetryAfter() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("gemini-limited", "!429 quota")));

    assertEquals(429, response.statusCode(), response.body());
    assertEquals("35", response.headers().firstValue("retry-after").orElseThrow());
    assertEquals("34400", response.headers().firstValue("retry-after-ms").orElseThrow());
  }

  @Test
  void theRateLimitStatusLineNamesItsReason() throws Exception {
    byte[] body = chat("fake-429", "status line").getBytes(StandardCharsets.UTF_8);
    int port = Integer.getInteger("it.http.port");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nAuthorization: Bearer "
                  + KEY
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertEquals("HTTP/1.1 429 Too Many Requests", statusLine);
    }
  }
}
