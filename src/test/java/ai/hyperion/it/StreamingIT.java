package ai.hyperion.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * 16 KiB of prose: one flood event. (A run of one letter would do as well for the stream, but the
   * token estimate of an answer cut before its usage is superlinear in the length of a word.)
   */
  private static final String FLOOD_CHUNK =
      contentChunk("lorem ipsum dolor sit amet ".repeat(16 * 1024 / 27));

  /** When the paced upstream sent its second event ({@link System#nanoTime()}). */
  private static final AtomicLong secondSentAt = new AtomicLong();

  /** Bytes the flooding upstream managed to hand to the gateway so far. */
  private static final AtomicLong flooded = new AtomicLong();

  /** When the flooding upstream's exchange ended, at its end or cut by the gateway (nanoTime). */
  private static final AtomicLong floodEndedAt = new AtomicLong();

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
              // Only the test's main flood is counted; others just flood.
              boolean counted = body.contains("!flood-main");
              String chunk = FLOOD_CHUNK;
              try {
                for (int i = 0; i < 4096; i++) {
                  write(out, chunk);
                  if (counted) {
                    flooded.addAndGet(chunk.length());
                  }
                }
              } finally {
                if (counted) {
                  floodEndedAt.set(System.nanoTime());
                }
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

  /** A gauge's value on {@code /metrics?scope=application}, -1 when it is not there. */
  private static long gauge(String name) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/metrics?scope=application"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    for (String line : response.body().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return -1;
  }

  /** The answer kept for request {@code id}, once it is read back from the store. */
  private static JsonNode awaitStored(String id) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String last = null;
    while (System.nanoTime() < deadline) {
      HttpResponse<String> got =
          HTTP.send(
              HttpRequest.newBuilder(uri("/v1/requests/" + id))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      last = got.statusCode() + " " + got.body().substring(0, Math.min(300, got.body().length()));
      if (got.statusCode() == 200 && json(got).has("completed_at")) {
        return json(got);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("request " + id + " was never stored: " + last);
  }

  /**
   * A client that sends a flooding stream request ({@code text} names the flood) and reads nothing,
   * with a small receive window: what the gateway cannot send waits in its bounded per-stream
   * buffer, then the upstream read pauses.
   */
  private static void stalledClient(Socket socket, String text) throws IOException {
    // Never from the cache (a semantic hit on an earlier answer would never reach the upstream).
    byte[] body =
        streamRequest("paced-model", text, false)
            .replaceFirst("\\{", "{\"hyperion\":{\"cache\":{\"mode\":\"bypass\"}},")
            .getBytes(UTF_8);
    socket.setReceiveBufferSize(4096);
    int port = Integer.getInteger("it.http.port");
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    // The Host header names the port: Liberty matches it against the virtual host's aliases.
    // Connection: close, so that the end of the response is the end of the connection.
    out.write(
        ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nConnection: close\r\nAuthorization: Bearer "
                + KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(UTF_8));
    out.write(body);
    out.flush();
  }

  @Test
  void aClientThatStopsReadingPausesTheUpstreamAndIsDroppedAfterTheStallLimit() throws Exception {
    pacedUpstream();
    flooded.set(0);
    floodEndedAt.set(0);
    String chunk = FLOOD_CHUNK;
    long total = 4096L * chunk.length();
    long droppedBefore = gauge("hyperion_stream_stalled_clients_dropped");
    try (Socket socket = new Socket();
        Socket other = new Socket()) {
      stalledClient(socket, "!flood-main");
      // A cold first request (routing, the embedder) may take a while before the upstream is
      // called: the clock of this test starts when the upstream starts sending.
      long startDeadline = System.nanoTime() + 60_000_000_000L;
      while (flooded.get() == 0 && System.nanoTime() < startDeadline) {
        Thread.sleep(20);
      }
      long started = System.nanoTime();
      assertTrue(flooded.get() > 0, "the stream started");
      // A second client that stops reading: two such clients once held both of the upstream
      // client's callback threads (the writes ran on them), and every other stream waited.
      stalledClient(other, "!flood-other");
      // Within the IT server's 10 s stall limit the upstream pauses: what it sent fills the
      // gateway's bounded buffer and the sockets' kernel buffers (which grow in steps), then its
      // writes block. Paused: not one byte more for 1.5 s.
      List<Long> readings = new ArrayList<>();
      long during = flooded.get();
      for (long stillSince = System.nanoTime(); System.nanoTime() - stillSince < 1_500_000_000L; ) {
        Thread.sleep(250);
        long now = flooded.get();
        readings.add(now);
        if (now != during) {
          during = now;
          stillSince = System.nanoTime();
        }
        assertTrue(
            System.nanoTime() - started < 8_000_000_000L, "the upstream never paused: " + readings);
      }
      long heldMax = gauge("hyperion_stream_buffered_max");
      long later = flooded.get();
      assertTrue(during < total / 4, "the upstream was paused, not read whole: " + readings);
      assertEquals(during, later, "still paused: " + readings);
      assertTrue(heldMax > 32 * 1024, "the stream's buffer filled up: " + heldMax);
      assertTrue(
          heldMax <= 64 * 1024 + chunk.length() + 1024, "bounded per-stream buffer: " + heldMax);
      assertEquals(
          droppedBefore,
          gauge("hyperion_stream_stalled_clients_dropped"),
          "not dropped before the stall limit");
      // Meanwhile other streams are served as usual, without waiting for the stalled clients.
      long otherSent = System.nanoTime();
      List<String> served =
          dataLines(
              HTTP.send(
                  post("/v1/chat/completions", streamRequest("gpt-4o", "while stalled", false))
                      .build(),
                  HttpResponse.BodyHandlers.ofInputStream()));
      long servedIn = (System.nanoTime() - otherSent) / 1_000_000;
      assertEquals("[DONE]", served.get(served.size() - 1));
      assertTrue(servedIn < 5_000, "another stream took " + servedIn + " ms");
      // Past the stall limit the gateway drops this client and reads on: to the upstream's end or
      // to the drain bound (hyperion.streams.drain.max-chars, 4,000,000 characters after the
      // drop), which this 64 MiB flood passes. No thread waits on the stalled socket, so the drop
      // comes at the limit, not when a blocked write would have timed out (Liberty's is 60 s).
      long deadline = started + 45_000_000_000L;
      while (floodEndedAt.get() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(floodEndedAt.get() != 0, "the upstream exchange ended: " + flooded.get());
      long endedAfter = (floodEndedAt.get() - started) / 1_000_000;
      long read = flooded.get();
      assertTrue(endedAfter >= 9_900, "not before the stall limit: " + endedAfter + " ms");
      assertTrue(
          read - later > 2 * 1024 * 1024,
          "read on after the drop: " + later + " → " + read + " bytes");
      assertTrue(read < total, "cut at the drain bound, not read whole: " + read);
      // Both stalled clients are dropped, and nothing is held for a dropped client.
      long droppedDeadline = System.nanoTime() + 15_000_000_000L;
      while (gauge("hyperion_stream_stalled_clients_dropped") < droppedBefore + 2
          && System.nanoTime() < droppedDeadline) {
        Thread.sleep(200);
      }
      assertEquals(droppedBefore + 2, gauge("hyperion_stream_stalled_clients_dropped"));
      assertEquals(0, gauge("hyperion_stream_buffered_max"), "nothing held for dropped clients");
      // What the dropped client had received: the headers and the start of the stream, then the
      // end of the connection (no [DONE]).
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      socket.setSoTimeout(20_000);
      try (InputStream in = socket.getInputStream()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException stillOpen) {
        throw new AssertionError("the dropped client's connection was left open", stillOpen);
      } catch (IOException reset) {
        // the gateway closed the connection under unread bytes: also a drop
      }
      String got = received.toString(UTF_8);
      assertTrue(got.startsWith("HTTP/1.1 200"), got.substring(0, Math.min(200, got.length())));
      assertFalse(got.contains("[DONE]"), "a dropped client does not get the end of the stream");
      assertTrue(received.size() < read, "the client got only what was buffered");
      Matcher id = Pattern.compile("(?i)x-hyperion-request-id: (\\S+)").matcher(got);
      assertTrue(id.find(), "the request id header");
      // What was read is kept for the client to fetch, marked as cut by the drain bound.
      JsonNode kept = awaitStored(id.group(1));
      assertEquals("incomplete", kept.path("status").asText(), kept.path("error").toString());
      assertTrue(kept.path("client_disconnected").asBoolean());
      assertEquals("drain_limit_exceeded", kept.at("/error/code").asText());
      assertTrue(
          kept.at("/choices/0/message/content").asText().length() > 4_000_000,
          "what the gateway read after the drop is kept");
    }
  }
}
