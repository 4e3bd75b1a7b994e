package ai.hyperion.testing;

import ai.hyperion.provider.bedrock.EventStreamEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fake providers on one port of 127.0.0.1, answering with recorded wire bytes from {@code
 * src/test/resources/fixtures/}: OpenAI-compatible under {@code /v1} and {@code /backup/v1}, the
 * native Responses API at any path ending {@code /responses}, Anthropic under {@code
 * /anthropic/v1/messages} ({@code !529} → overloaded), Gemini under {@code
 * /gemini/v1beta/models/...} ({@code !503} → unavailable, {@code !429} → quota exhausted with a
 * RetryInfo delay, {@code !thinking-tool-call} → a function call with a thought signature until the
 * request carries its response). For OpenAI paths the behaviour is chosen by the model name ({@code
 * fake-429}, {@code fake-500}, {@code fake-400}, {@code fake-cut}, {@code fake-stall}: first chunk,
 * then silence) or by a marker in the last user message: {@code !429}, {@code !500}, {@code !400},
 * {@code !truncate} (stream cut without [DONE]), {@code !echo} (answer with the user's text),
 * {@code !gate:NAME} (stream the first chunk, then hold until {@link #open(String)}), {@code
 * !stall} (headers, or a stream's first chunk, then silence), {@code !endless} (a body that never
 * ends), {@code !leaky} (a 403 naming the operator's account); a request with {@code tools} gets a
 * tool call. Every request is recorded for assertions.
 */
public final class FakeProviders implements AutoCloseable {

  /** One request as the upstream saw it; {@code raw} is its body byte for byte (as UTF-8). */
  public record Seen(String path, Map<String, String> headers, JsonNode body, String raw) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An upstream 403 in OpenAI's shape that names the operator's account, key and cloud ids. */
  public static final String LEAKY_ERROR =
      "{\"error\":{\"message\":\"Project `proj_AbC123xyz` in organization org-9Zx8Yw7Vu6 does"
          + " not have access to model gpt-4o. Incorrect API key provided: sk-proj-****abcd."
          + " Principal arn:aws:iam::123456789012:user/gateway, GCP project 987654321098.\","
          + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}";

  private static FakeProviders shared;

  private final HttpServer server;
  private final LinkedBlockingDeque<Seen> seen = new LinkedBlockingDeque<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final AtomicInteger closedTrickles = new AtomicInteger();

  public FakeProviders(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-openai");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The instance on {@code it.upstream.port}, started once per test JVM. */
  public static synchronized FakeProviders shared() {
    if (shared == null) {
      shared = new FakeProviders(Integer.getInteger("it.upstream.port"));
    }
    return shared;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Serves every path under {@code prefix} with {@code handler} instead (a test scripting its own
   * upstreams on this port, e.g. {@code RoutingIT}); the handler replaces any earlier one.
   */
  public synchronized void route(String prefix, HttpHandler handler) {
    try {
      server.removeContext(prefix);
    } catch (IllegalArgumentException notYet) {
      // first registration
    }
    server.createContext(prefix, handler);
  }

  /** Releases a stream held by {@code !gate:NAME}. */
  public void open(String gate) {
    gates.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();
  }

  /** The most recent request whose last user message contains {@code marker}. */
  public Seen lastRequestContaining(String marker) {
    for (var it = seen.descendingIterator(); it.hasNext(); ) {
      Seen s = it.next();
      if (s.body() != null && s.body().toString().contains(marker)) {
        return s;
      }
    }
    throw new AssertionError("the upstream saw no request containing " + marker);
  }

  /** Every request containing {@code marker}, in arrival order. */
  public List<Seen> requestsContaining(String marker) {
    return seen.stream()
        .filter(s -> s.body() != null && s.body().toString().contains(marker))
        .toList();
  }

  /** The paths of every request containing {@code marker}, in arrival order. */
  public List<String> pathsContaining(String marker) {
    return seen.stream()
        .filter(s -> s.body() != null && s.body().toString().contains(marker))
        .map(Seen::path)
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 || raw[0] != '{' ? null : JSON.readTree(raw);
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      seen.add(
          new Seen(
              exchange.getRequestURI().getPath(),
              headers,
              body,
              new String(raw, StandardCharsets.UTF_8)));
      String path = exchange.getRequestURI().getPath();
      String whole = body == null ? "" : body.toString();
      if (path.startsWith("/anthropic/")) {
        if (whole.contains("!529")) {
          json(exchange, 529, Fixtures.text("anthropic/error-529-overloaded.json"));
        } else if (body.path("stream").asBoolean(false)) {
          replay(exchange, Fixtures.text("anthropic/messages-text-stream.sse"), "\n\n");
        } else {
          json(exchange, 200, Fixtures.text("anthropic/messages-text.json"));
        }
        return;
      }
      if (path.startsWith("/gemini/")) {
        if (whole.contains("!503")) {
          json(exchange, 503, Fixtures.text("gemini/error-503-unavailable.json"));
        } else if (whole.contains("!429")) {
          json(exchange, 429, Fixtures.text("gemini/error-429-resource-exhausted.json"));
        } else if (whole.contains("!thinking-tool-call") && !whole.contains("functionResponse")) {
          json(
              exchange,
              200,
              Fixtures.text("gemini/generate-content-function-call-thought-signature.json"));
        } else if (path.contains(":streamGenerateContent")) {
          replay(exchange, Fixtures.text("gemini/stream-generate-content-text.sse"), "\r\n\r\n");
        } else {
          json(exchange, 200, Fixtures.text("gemini/generate-content-text.json"));
        }
        return;
      }
      if (path.startsWith("/bedrock/")) {
        bedrock(exchange, path, whole.contains("!throttle"));
        return;
      }
      if (path.equals("/gcp/token")) {
        String form = new String(raw, StandardCharsets.UTF_8);
        boolean jwt =
            form.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")
                && form.matches(".*assertion=[\\w-]+\\.[\\w-]+\\.[\\w-]+.*");
        json(
            exchange,
            jwt ? 200 : 400,
            jwt
                ? "{\"access_token\":\"ya29.it-access-token\",\"expires_in\":3599,\"token_type\""
                    + ":\"Bearer\"}"
                : "{\"error\":\"invalid_grant\"}");
        return;
      }
      if (path.startsWith("/vertex/")) {
        boolean authorised = "Bearer ya29.it-access-token".equals(headers.get("authorization"));
        if (authorised && whole.contains("!503")) {
          json(exchange, 503, Fixtures.text("gemini/error-503-unavailable.json"));
        } else if (!authorised) {
          json(
              exchange,
              401,
              "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication"
                  + " credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
        } else if (path.contains(":streamGenerateContent")) {
          replay(exchange, Fixtures.text("gemini/stream-generate-content-text.sse"), "\r\n\r\n");
        } else {
          json(exchange, 200, Fixtures.text("gemini/generate-content-text.json"));
        }
        return;
      }
      if (path.endsWith("/responses")) {
        nativeResponses(exchange, body);
        return;
      }
      if (path.endsWith("/embeddings")) {
        json(exchange, 200, Fixtures.text("openai/embeddings.json"));
        return;
      }
      if (!path.endsWith("/chat/completions")) {
        json(
            exchange,
            404,
            "{\"error\":{\"message\":\"Unknown"
                + " path\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
        return;
      }
      // The backup provider always answers well, so fallbacks have somewhere to land.
      String marker = path.startsWith("/backup") ? "" : behaviour(body);
      boolean stream = body.path("stream").asBoolean(false);
      boolean tools = body.has("tools");
      if (marker.startsWith("!429")) {
        exchange.getResponseHeaders().add("retry-after", "7");
        json(exchange, 429, Fixtures.text("openai/error-429-rate-limit-exceeded.json"));
      } else if (marker.startsWith("!500")) {
        json(
            exchange,
            500,
            "{\"error\":{\"message\":\"The server had an error while processing your"
                + " request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
      } else if (marker.startsWith("!400")) {
        json(exchange, 400, Fixtures.text("openai/error-400-context-length-exceeded.json"));
      } else if (marker.startsWith("!stall") && !stream) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().flush();
        holdUntilClosed(exchange, null);
      } else if (marker.startsWith("!endless")) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        exchange
            .getResponseBody()
            .write("{\"id\":\"chatcmpl-endless\",".getBytes(StandardCharsets.UTF_8));
        holdUntilClosed(exchange, " ".getBytes(StandardCharsets.UTF_8));
      } else if (marker.startsWith("!leaky")) {
        json(exchange, 403, LEAKY_ERROR);
      } else if (marker.startsWith("!echo")) {
        echo(exchange, marker, stream);
      } else if (marker.startsWith("!same-usage")) {
        // One recorded answer in both forms (same usage), for streamed-vs-not comparisons.
        if (stream) {
          stream(exchange, "chat-stream-parallel-tool-calls.sse", marker);
        } else {
          json(exchange, 200, Fixtures.text("openai/chat-parallel-tool-calls.json"));
        }
      } else if (!stream) {
        json(
            exchange,
            200,
            Fixtures.text(tools ? "openai/chat-tool-call.json" : "openai/chat-text.json"));
      } else {
        stream(exchange, tools ? "chat-stream-tool-call.sse" : "chat-stream-usage.sse", marker);
      }
    }
  }

  /**
   * What the OpenAI-compatible fake does: chosen by the model name ({@code fake-429}, {@code
   * fake-500}, {@code fake-400}, {@code fake-cut}, {@code fake-stall}), else by a marker at the
   * start of the last user message ({@code !429}, {@code !gate:NAME}, ...).
   */
  private static String behaviour(JsonNode body) {
    String model = body.path("model").asText("");
    return switch (model) {
      case "fake-429" -> "!429";
      case "fake-500" -> "!500";
      case "fake-400" -> "!400";
      case "fake-cut" -> "!truncate";
      case "fake-stall" -> "!stall";
      default -> lastUserText(body);
    };
  }

  /**
   * An upstream serving OpenAI's Responses API itself: a function call when the request offers
   * tools, text otherwise, streamed when asked; {@code !fail} streams a {@code response.failed}.
   */
  private static void nativeResponses(HttpExchange exchange, JsonNode body) throws IOException {
    boolean tools = body.path("tools").isArray() && !body.path("tools").isEmpty();
    if (!body.path("stream").asBoolean(false)) {
      json(
          exchange,
          200,
          Fixtures.text(
              "responses/" + (tools ? "response-function-call.json" : "response-text.json")));
    } else if (body.toString().contains("!fail")) {
      replay(exchange, Fixtures.text("responses/stream-failed.sse"), "\n\n");
    } else {
      replay(
          exchange,
          Fixtures.text(
              "responses/" + (tools ? "stream-text-then-function-call.sse" : "stream-text.sse")),
          "\n\n");
    }
  }

  /**
   * {@code !echo}: answers with the user's text as the assistant's content (streamed in 3-character
   * deltas, so a placeholder arrives split), in the recorded chat or stream shape.
   */
  private static void echo(HttpExchange exchange, String text, boolean stream) throws IOException {
    if (!stream) {
      ObjectNode answer = (ObjectNode) JSON.readTree(Fixtures.text("openai/chat-text.json"));
      ((ObjectNode) answer.at("/choices/0/message")).put("content", text);
      json(exchange, 200, answer.toString());
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    String template = null;
    boolean sent = false;
    for (String event : Fixtures.text("openai/chat-stream-usage.sse").split("\n\n")) {
      String data = event.strip();
      if (data.isEmpty()) {
        continue;
      }
      if (data.contains("\"delta\":{\"content\"")) {
        template = template == null ? data : template;
        continue;
      }
      if (!sent && template != null && !data.contains("\"role\"")) {
        ObjectNode chunk = (ObjectNode) JSON.readTree(template.substring("data: ".length()));
        for (int i = 0; i < text.length(); i += 3) {
          ((ObjectNode) chunk.at("/choices/0/delta"))
              .put("content", text.substring(i, Math.min(text.length(), i + 3)));
          out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        sent = true;
      }
      out.write((data + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void stream(HttpExchange exchange, String fixture, String marker) throws IOException {
    String[] events = Fixtures.text("openai/" + fixture).split("\n\n");
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    for (int i = 0; i < events.length; i++) {
      String event = events[i].strip();
      if (event.isEmpty()) {
        continue;
      }
      if (marker.startsWith("!truncate") && event.contains("[DONE]")) {
        return;
      }
      if (marker.startsWith("!truncate") && i == 3) {
        return;
      }
      out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (i == 0 && marker.startsWith("!stall")) {
        holdUntilClosed(exchange, null);
        return;
      }
      if (i == 0 && marker.startsWith("!gate:") && !awaitGate(marker.substring(6).strip())) {
        // Nobody opened the gate: the client did not see the first chunk while the upstream held
        // the rest (a buffering gateway). Cut the stream so the test waiting for [DONE] fails.
        return;
      }
    }
  }

  /**
   * Bedrock Converse (JSON) and ConverseStream (AWS binary event-stream frames from the decoded
   * recording).
   */
  private static void bedrock(HttpExchange exchange, String path, boolean throttle)
      throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null
        || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIAIT0000000000/")
        || !authorization.contains("/us-east-1/bedrock/aws4_request")) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnrecognizedClientException");
      json(
          exchange,
          403,
          "{\"message\":\"The security token included in the request is invalid.\"}");
      return;
    }
    if (throttle) {
      exchange
          .getResponseHeaders()
          .add(
              "x-amzn-ErrorType",
              "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/");
      json(exchange, 429, "{\"message\":\"Too many requests, please wait before trying again.\"}");
      return;
    }
    if (path.endsWith("/converse")) {
      json(exchange, 200, Fixtures.text("bedrock/converse-text.json"));
      return;
    }
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (String line : Fixtures.text("bedrock/converse-stream-text.jsonl").split("\n")) {
      if (!line.isBlank()) {
        JsonNode event = JSON.readTree(line);
        String type = event.fieldNames().next();
        frames.writeBytes(EventStreamEncoder.event(type, event.get(type).toString()));
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.amazon.eventstream");
    exchange.sendResponseHeaders(200, 0);
    exchange.getResponseBody().write(frames.toByteArray());
  }

  /** Sends a recorded event stream verbatim, flushing after each event. */
  private static void replay(HttpExchange exchange, String recorded, String separator)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int start = 0;
    while (start < recorded.length()) {
      int end = recorded.indexOf(separator, start);
      end = end < 0 ? recorded.length() : end + separator.length();
      out.write(recorded.substring(start, end).getBytes(StandardCharsets.UTF_8));
      out.flush();
      start = end;
    }
  }

  /**
   * Holds an answer open for up to 60 s: silent when {@code trickle} is null (headers sent, then
   * nothing), else writing it every 100 ms (a body that never ends) until a write fails because the
   * gateway closed the connection, which {@link #closedTrickles()} counts.
   */
  private void holdUntilClosed(HttpExchange exchange, byte[] trickle) {
    OutputStream out = exchange.getResponseBody();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try {
      while (System.nanoTime() < end) {
        Thread.sleep(100);
        if (trickle != null) {
          out.write(trickle);
          out.flush();
        }
      }
    } catch (IOException closed) {
      closedTrickles.incrementAndGet();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How many never-ending answers ({@code !endless}) the gateway has hung up on so far. */
  public int closedTrickles() {
    return closedTrickles.get();
  }

  /** Waits for a gate to open; false when it stayed shut for 10 s. */
  private boolean awaitGate(String name) {
    try {
      return gates.computeIfAbsent(name, g -> new CountDownLatch(1)).await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String lastUserText(JsonNode body) {
    JsonNode messages = body.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      JsonNode message = messages.get(i);
      if ("user".equals(message.path("role").asText())) {
        JsonNode content = message.path("content");
        return content.isTextual() ? content.asText() : content.toString();
      }
    }
    return "";
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
