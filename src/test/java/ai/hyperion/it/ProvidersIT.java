package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenAI-format clients reach Anthropic and Gemini through the gateway, fallbacks included. */
class ProvidersIT extends GatewayIT {

  private static List<JsonNode> chunks(HttpResponse<InputStream> response) throws Exception {
    List<JsonNode> chunks = new ArrayList<>();
    boolean done = false;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.equals("data: [DONE]")) {
          done = true;
        } else if (line.startsWith("data: ")) {
          assertFalse(done, "nothing after [DONE]");
          chunks.add(JSON.readTree(line.substring(6)));
        } else {
          // SSE comments (": x-hyperion-request-id ...", keep-alives) are part of the format.
          assertTrue(
              line.isEmpty() || line.startsWith(":"),
              "an OpenAI stream has only data lines and comments: " + line);
        }
      }
    }
    assertTrue(done, "the stream ends with [DONE]");
    return chunks;
  }

  private static String text(List<JsonNode> chunks) {
    StringBuilder text = new StringBuilder();
    chunks.forEach(
        c ->
            c.path("choices")
                .forEach(choice -> text.append(choice.at("/delta/content").asText(""))));
    return text.toString();
  }

  @Test
  void anthropicAnswersInOpenAiShape() throws Exception {
    HttpResponse<String> response =
        send(
            post(
                "/v1/chat/completions",
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"system\",\"content\""
                    + ":\"be"
                    + " brief\"},{\"role\":\"user\",\"content\":\"claude plain\"}]}"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json(response);
    JsonNode recorded = JSON.readTree(Fixtures.text("anthropic/messages-text.json"));
    assertEquals(
        recorded.at("/content/0/text").asText(), body.at("/choices/0/message/content").asText());
    assertEquals("stop", body.at("/choices/0/finish_reason").asText());
    assertEquals(12, body.at("/usage/prompt_tokens").asInt());
    assertEquals(29, body.at("/usage/completion_tokens").asInt());
    assertEquals("claude", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    FakeProviders.Seen seen = upstream.lastRequestContaining("claude plain");
    assertEquals("/anthropic/v1/messages", seen.path());
    assertEquals("sk-ant-it-key-0000000000000000", seen.headers().get("x-api-key"));
    assertEquals("2023-06-01", seen.headers().get("anthropic-version"));
    assertEquals(
        "be brief",
        seen.body().path("system").isTextual()
            ? seen.body().path("system").asText()
            : seen.body().at("/system/0/text").asText());
    assertEquals("claude-sonnet-4-5-20250929", seen.body().path("model").asText());
    assertTrue(seen.body().path("max_tokens").asInt() > 0, "Anthropic requires max_tokens");
  }

  @Test
  void anthropicStreamBecomesAnOpenAiStream() throws Exception {
    List<JsonNode> chunks =
        chunks(
            HTTP.send(
                post(
                        "/v1/chat/completions",
                        "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"stream_options\":{\""
                            + "include_usage\":true},\"messages\":[{\"role\":\"user\",\"content"
                            + "\":\"claude"
                            + " stream\"}]}")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    assertTrue(text(chunks).startsWith("Hello! I"), text(chunks));
    JsonNode last = chunks.get(chunks.size() - 1);
    assertTrue(last.at("/usage/completion_tokens").asInt() > 0, last.toString());
    assertTrue(
        chunks.stream().anyMatch(c -> "stop".equals(c.at("/choices/0/finish_reason").asText())));
  }

  @Test
  void geminiAnswersInOpenAiShape() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("gemini-2.5-flash", "gemini plain")));

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        json(response).at("/choices/0/message/content").asText().startsWith("There are **3** r's"),
        response.body());
    FakeProviders.Seen seen = upstream.lastRequestContaining("gemini plain");
    assertEquals("/gemini/v1beta/models/gemini-2.5-flash:generateContent", seen.path());
    assertEquals("AIzaIT-key-0000000000000000000000", seen.headers().get("x-goog-api-key"));
  }

  @Test
  void overloadedAnthropicFallsBackToGeminiAndTheClientSeesOneCleanStream() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            post(
                    "/v1/chat/completions",
                    "{\"model\":\"claude-sonnet-4-5\",\"stream\":true,\"messages\":[{\"role\":\""
                        + "user\",\"content\":\"!529"
                        + " then gemini\"}],\"hyperion\":{\"fallbacks\":[\"gemini-2.5-flash\"]}}")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());

    assertEquals(200, response.statusCode());
    assertEquals("fallback", response.headers().firstValue("x-hyperion-route-mode").orElseThrow());
    assertEquals("google", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    assertEquals(
        "gemini-2.5-flash", response.headers().firstValue("x-hyperion-model").orElseThrow());
    List<JsonNode> chunks = chunks(response);
    String id = chunks.get(0).path("id").asText();
    for (JsonNode chunk : chunks) {
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals(id, chunk.path("id").asText(), "one stream, one id");
      assertEquals("gemini-2.5-flash", chunk.path("model").asText());
    }
    assertTrue(text(chunks).contains("strawberry"), text(chunks));
    assertEquals(
        List.of(
            "/anthropic/v1/messages",
            "/gemini/v1beta/models/gemini-2.5-flash:streamGenerateContent"),
        upstream.pathsContaining("!529 then gemini"));
  }

  @Test
  void overloadedWithoutFallbackIs503() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("claude-sonnet-4-5", "!529 alone")));

    assertEquals(503, response.statusCode(), response.body());
    assertEquals("overloaded_error", json(response).at("/error/code").asText(), response.body());
    assertTrue(
        json(response).at("/error/message").asText().contains("Overloaded"), response.body());
  }

  @Test
  void bedrockConverseAndConverseStreamAreSignedAndTranslated() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("claude-bedrock", "bedrock plain")));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        json(response).at("/choices/0/message/content").asText().contains("strawberry"),
        response.body());
    assertEquals(22, json(response).at("/usage/prompt_tokens").asInt());
    FakeProviders.Seen seen = upstream.lastRequestContaining("bedrock plain");
    assertEquals(
        "/bedrock/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
        seen.path().replace(":", "%3A"));
    assertTrue(
        seen.headers()
            .get("authorization")
            .startsWith("AWS4-HMAC-SHA256 Credential=AKIAIT0000000000/"));

    List<JsonNode> chunks =
        chunks(
            HTTP.send(
                post(
                        "/v1/chat/completions",
                        "{\"model\":\"claude-bedrock\",\"stream\":true,\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"bedrock"
                            + " stream\"}]}")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    assertTrue(text(chunks).startsWith("Let me count"), text(chunks));
    assertTrue(
        chunks.stream().anyMatch(c -> "stop".equals(c.at("/choices/0/finish_reason").asText())));
  }

  @Test
  void vertexGeminiUsesAServiceAccountTokenAndStreams() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("gemini-vertex", "vertex plain")));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(
        json(response).at("/choices/0/message/content").asText().startsWith("There are **3** r's"),
        response.body());
    FakeProviders.Seen seen = upstream.lastRequestContaining("vertex plain");
    assertEquals(
        "/vertex/v1/projects/hyperion-it/locations/us-central1/publishers/google/models/gemini-2"
            + ".5-flash:generateContent",
        seen.path());
    assertEquals("Bearer ya29.it-access-token", seen.headers().get("authorization"));

    List<JsonNode> chunks =
        chunks(
            HTTP.send(
                post(
                        "/v1/chat/completions",
                        "{\"model\":\"gemini-vertex\",\"stream\":true,\"messages\":[{\"role\":\""
                            + "user\",\"content\":\"vertex"
                            + " stream\"}]}")
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream()));
    assertTrue(text(chunks).contains("strawberry"), text(chunks));
  }
}
