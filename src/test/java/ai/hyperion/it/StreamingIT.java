package ai.hyperion.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Disabled;
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
        "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"we"
            + "ather?\"}],"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parame"
            + "ters\":{\"type\":\"object\"}}}]}";
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
                post("/v1/chat/completions", streamRequest("fake-cut", "hello", false)).build(),
                HttpResponse.BodyHandlers.ofInputStream()));

    String last = lines.get(lines.size() - 1);
    assertFalse(lines.contains("[DONE]"));
    JsonNode error = JSON.readTree(last).path("error");
    assertEquals("stream_truncated", error.path("code").asText(), last);
  }

  @Test
  void anUpstreamErrorBeforeTheStreamStartsIsAPlainJsonError() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", streamRequest("fake-429", "streaming", false)));

    assertEquals(429, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
    assertEquals("rate_limit_exceeded", json(response).at("/error/code").asText());
  }

  // --- A scripted upstream on /paced: the role chunk, then what the test needs. -----------------

  private static final String ROLE_CHUNK =
      "data: {\"id\":\"chatcmpl-paced\",\"object\":\"chat.completion.chunk\",\"created\":1,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
          + "\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";

  private static String contentChunk(String text) {
    return "data: {\"id\":\"chatcmpl-paced\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + text
        + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static final String FINISH_CHUNK =
      "data: {\"id\":\"chatcmpl-paced\",\"object\":\"chat.completion.chunk\",\"created\":1,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},"
          + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  /** When the paced upstream sent its second event ({@link System#nanoTime()}). */
  private static final AtomicLong secondSentAt = new AtomicLong();

  /** Bytes the flooding upstream managed to hand to the gateway so far. */
  private static final AtomicLong flooded = new AtomicLong();

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void pacedUpstream() {
    upstream.route(
        "/paced/",
        exchange -> {
          try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            write(out, ROLE_CHUNK);
            if (body.contains("!flood")) {
              String chunk = contentChunk("x".repeat(16 * 1024));
              for (int i = 0; i < 4096; i++) {
                write(out, chunk);
                flooded.addAndGet(chunk.length());
              }
            } else {
              Thread.sleep(2_500);
              secondSentAt.set(System.nanoTime());
              write(out, contentChunk("after the pause"));
            }
            write(out, FINISH_CHUNK);
          } catch (IOException | InterruptedException gatewayLeft) {
            // the gateway closed the upstream connection: nothing more to send
          }
        });
  }

  @Test
  void theFirstEventReachesTheClientBeforeTheUpstreamSendsItsSecond() throws Exception {
    pacedUpstream();
    long sent = System.nanoTime();
    HttpResponse<InputStream> response =
        HTTP.send(
            post("/v1/chat/completions", streamRequest("paced-model", "pause please", false))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersAt = System.nanoTime();
    assertEquals(200, response.statusCode());
    assertEquals("paced", response.headers().firstValue("x-hyperion-provider").orElseThrow());
    List<String> lines = new ArrayList<>();
    long firstDataAt = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (firstDataAt == 0 && line.startsWith("data: ")) {
          firstDataAt = System.nanoTime();
        }
        lines.add(line);
      }
    }
    // The upstream held its second event for 2.5 s: the status line and the first event came
    // before it, not with it.
    assertTrue(secondSentAt.get() > sent, "the upstream sent its second event");
    assertTrue(headersAt < secondSentAt.get(), "headers before the second event");
    assertTrue(firstDataAt < secondSentAt.get(), "first event before the second: " + lines);
    JsonNode first =
        JSON.readTree(
            lines.stream()
                .filter(l -> l.startsWith("data: "))
                .findFirst()
                .orElseThrow()
                .substring(6));
    assertEquals("assistant", first.at("/choices/0/delta/role").asText());
    // The 2.5 s silence is longer than the IT server's 1 s keep-alive: comments kept it open.
    assertTrue(lines.contains(": keep-alive"), "a keep-alive comment in the silence: " + lines);
    assertEquals("data: [DONE]", lines.get(lines.size() - 2), lines.toString());
  }

  @Test
  @Disabled(
      "Open: Liberty's non-blocking ServletOutputStream writes synchronously on flush(), so a"
          + " client that stops reading holds the writing thread and the stall limit never fires"
          + " (README Streaming, known limit); also, 3 s was too short for a cold first request"
          + " here.")
  void aClientThatStopsReadingPausesTheUpstreamAndIsDroppedAfterTheStallLimit() throws Exception {
    pacedUpstream();
    flooded.set(0);
    long total = 4096L * 16 * 1024;
    // Never from the cache (a semantic hit on an earlier answer would never reach the upstream).
    byte[] body =
        streamRequest("paced-model", "!flood", false)
            .replaceFirst("\\{", "{\"hyperion\":{\"cache\":{\"mode\":\"bypass\"}},")
            .getBytes(UTF_8);
    try (Socket socket = new Socket()) {
      // A client that reads nothing, with a small receive window: what the gateway cannot send
      // waits in its bounded per-stream buffer, then the upstream read pauses.
      socket.setReceiveBufferSize(4096);
      int port = Integer.getInteger("it.http.port");
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = socket.getOutputStream();
      // The Host header names the port: Liberty matches it against the virtual host's aliases.
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\n"
                  + "Authorization: Bearer "
                  + KEY
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.write(body);
      out.flush();
      // Under the IT server's 4 s stall limit: the upstream was paused, not read whole.
      Thread.sleep(3_000);
      long during = flooded.get();
      Thread.sleep(500);
      long later = flooded.get();
      assertTrue(during > 0, "the stream started");
      assertTrue(during < total / 4, "the upstream was paused, not read whole: " + during);
      assertTrue(later - during < 1024 * 1024, "still paused: " + during + " → " + later);
      // Past the stall limit the gateway drops this client and reads the upstream to its end.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (flooded.get() < total && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(total, flooded.get(), "after the drop the upstream was read to its end");
      long received = 0;
      boolean done = false;
      socket.setSoTimeout(20_000);
      try (InputStream in = socket.getInputStream()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received += n;
          done |= new String(buffer, 0, n, UTF_8).contains("[DONE]");
        }
      } catch (IOException reset) {
        // the gateway closed the connection under unread bytes: also a drop
      }
      assertFalse(done, "a dropped client does not get the end of the stream");
      assertTrue(received < total, "the client got only what was buffered: " + received);
    }
  }
}
