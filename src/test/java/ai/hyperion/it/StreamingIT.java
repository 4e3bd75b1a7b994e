package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingIT extends GatewayIT {

  private static String streamRequest(String model, String text, boolean includeUsage) {
    return "{\"model\":\""
        + model
        + "\",\"stream\":true,"
        + (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
        + "\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  /** Reads SSE data lines until [DONE] or the end of the body. */
  private static List<String> dataLines(HttpResponse<InputStream> response) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("data: ")) {
          lines.add(line.substring(6));
        }
      }
    }
    return lines;
  }

  @Test
  void firstChunkReachesTheClientWhileTheUpstreamIsStillStreaming() throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            post("/v1/chat/completions", streamRequest("gpt-4o", "!gate:first-chunk", false))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertTrue(
        response
            .headers()
            .firstValue("content-type")
            .orElseThrow()
            .startsWith("text/event-stream"));
    assertEquals("openai", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      while (first != null && !first.startsWith("data: ")) {
        first = reader.readLine();
      }
      // The upstream is held after its first chunk until the gate opens: this chunk cannot have
      // been buffered behind the rest of the stream.
      assertNotNull(first);
      JsonNode chunk = JSON.readTree(first.substring(6));
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals("assistant", chunk.at("/choices/0/delta/role").asText());
      upstream.open("first-chunk");
      StringBuilder rest = new StringBuilder();
      String line;
      while ((line = reader.readLine()) != null) {
        rest.append(line).append('\n');
      }
      assertTrue(rest.toString().contains("data: [DONE]"), rest.toString());
    }
  }

  @Test
  void usageArrivesInAFinalChunkWhenTheClientAsksForIt() throws Exception {
    List<String> lines =
        dataLines(
            HTTP.send(
                post("/v1/chat/completions", streamRequest("gpt-4o", "usage please", true)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    assertEquals("[DONE]", lines.get(lines.size() - 1));
    JsonNode usageChunk = JSON.readTree(lines.get(lines.size() - 2));
    assertEquals(0, usageChunk.path("choices").size());
    assertTrue(usageChunk.at("/usage/prompt_tokens").asInt() > 0, usageChunk.toString());
    assertTrue(usageChunk.at("/usage/completion_tokens").asInt() > 0, usageChunk.toString());
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (String line : lines.subList(0, lines.size() - 1)) {
      JsonNode chunk = JSON.readTree(line);
      assertEquals("gpt-4o", chunk.path("model").asText());
      for (JsonNode choice : chunk.path("choices")) {
        text.append(choice.at("/delta/content").asText(""));
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    assertTrue(text.toString().startsWith("I'm unable to provide"), text.toString());
    assertEquals("stop", finish);
  }

  @Test
  void noUsageChunkWhenTheClientDidNotAsk() throws Exception {
    List<String> lines =
        dataLines(
            HTTP.send(
                post("/v1/chat/completions", streamRequest("gpt-4o", "no usage", false)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    assertEquals("[DONE]", lines.get(lines.size() - 1));
    for (String line : lines.subList(0, lines.size() - 1)) {
      assertFalse(JSON.readTree(line).has("usage"), line);
    }
    assertTrue(
        upstream
            .lastRequestContaining("no usage")
            .body()
            .at("/stream_options/include_usage")
            .asBoolean(),
        "the gateway always asks the upstream for usage so it can meter");
  }

  @Test
  void streamedToolCallArgumentsPassThrough() throws Exception {
    String body =
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}]}";
    List<String> lines =
        dataLines(
            HTTP.send(
                post("/v1/chat/completions", body).build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    StringBuilder arguments = new StringBuilder();
    String id = null;
    String name = null;
    String finish = null;
    for (String line : lines.subList(0, lines.size() - 1)) {
      for (JsonNode choice : JSON.readTree(line).path("choices")) {
        for (JsonNode call : choice.at("/delta/tool_calls")) {
          if (call.hasNonNull("id")) {
            id = call.get("id").asText();
            name = call.at("/function/name").asText();
          }
          arguments.append(call.at("/function/arguments").asText(""));
        }
        if (choice.hasNonNull("finish_reason")) {
          finish = choice.get("finish_reason").asText();
        }
      }
    }
    assertEquals("call_4XzlGBLtUe9dy3GVNV4jhq7h", id);
    assertEquals("get_weather", name);
    assertEquals("tool_calls", finish);
    JsonNode parsed = JSON.readTree(arguments.toString());
    assertTrue(parsed.isObject() && parsed.size() > 0, arguments.toString());
  }

  @Test
  void aStreamCutByTheUpstreamEndsWithAnErrorEventNotDone() throws Exception {
    List<String> lines =
        dataLines(
            HTTP.send(
                post("/v1/chat/completions", streamRequest("gpt-4o", "!truncate", false)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    String last = lines.get(lines.size() - 1);
    assertFalse(lines.contains("[DONE]"));
    JsonNode error = JSON.readTree(last).path("error");
    assertEquals("stream_truncated", error.path("code").asText(), last);
  }

  @Test
  void anUpstreamErrorBeforeTheStreamStartsIsAPlainJsonError() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", streamRequest("limited-b", "!429 streaming", false)));

    assertEquals(429, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
    assertEquals("rate_limit_exceeded", json(response).at("/error/code").asText());
  }
}
