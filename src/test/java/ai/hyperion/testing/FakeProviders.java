package ai.hyperion.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * Fake providers on one port of 127.0.0.1, answering with recorded wire bytes from {@code
 * src/test/resources/fixtures/}: OpenAI-compatible under {@code /v1} and {@code /backup/v1},
 * Anthropic under {@code /anthropic/v1/messages} ({@code !529} → overloaded), Gemini under {@code
 * /gemini/v1beta/models/...} ({@code !503} → unavailable). For OpenAI paths, Behaviour is chosen by
 * the last user message: {@code !429}, {@code !500}, {@code !400}, {@code !truncate} (stream cut
 * without [DONE]), {@code !gate:NAME} (stream the first chunk, then hold until {@link
 * #open(String)}); a request with {@code tools} gets a tool call. Every request is recorded for
 * assertions.
 */
public final class FakeProviders implements AutoCloseable {

  /** One request as the upstream saw it. */
  public record Seen(String path, Map<String, String> headers, JsonNode body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeProviders shared;

  private final HttpServer server;
  private final LinkedBlockingDeque<Seen> seen = new LinkedBlockingDeque<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

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

  /** The paths of every request containing {@code marker}, in arrival order. */
  public List<String> pathsContaining(String marker) {
    return seen.stream()
        .filter(s -> s.body() != null && s.body().toString().contains(marker))
        .map(Seen::path)
        .toList();
  }

  public static String fixture(String name) {
    return fixture("openai", name);
  }

  public static String fixture(String provider, String name) {
    try (InputStream in =
        FakeProviders.class.getResourceAsStream("/fixtures/" + provider + "/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 || raw[0] != '{' ? null : JSON.readTree(raw);
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
      seen.add(new Seen(exchange.getRequestURI().getPath(), headers, body));
      String path = exchange.getRequestURI().getPath();
      String whole = body == null ? "" : body.toString();
      if (path.startsWith("/anthropic/")) {
        if (whole.contains("!529")) {
          json(exchange, 529, fixture("anthropic", "error-529-overloaded.json"));
        } else if (body.path("stream").asBoolean(false)) {
          replay(exchange, fixture("anthropic", "messages-text-stream.sse"), "\n\n");
        } else {
          json(exchange, 200, fixture("anthropic", "messages-text.json"));
        }
        return;
      }
      if (path.startsWith("/gemini/")) {
        if (whole.contains("!503")) {
          json(exchange, 503, fixture("gemini", "error-503-unavailable.json"));
        } else if (path.contains(":streamGenerateContent")) {
          replay(exchange, fixture("gemini", "stream-generate-content-text.sse"), "\r\n\r\n");
        } else {
          json(exchange, 200, fixture("gemini", "generate-content-text.json"));
        }
        return;
      }
      if (path.startsWith("/bedrock/")) {
        bedrock(exchange, path);
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
                ? "{\"access_token\":\"ya29.it-access-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}"
                : "{\"error\":\"invalid_grant\"}");
        return;
      }
      if (path.startsWith("/vertex/")) {
        boolean authorised = "Bearer ya29.it-access-token".equals(headers.get("authorization"));
        if (!authorised) {
          json(
              exchange,
              401,
              "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication"
                  + " credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
        } else if (path.contains(":streamGenerateContent")) {
          replay(exchange, fixture("gemini", "stream-generate-content-text.sse"), "\r\n\r\n");
        } else {
          json(exchange, 200, fixture("gemini", "generate-content-text.json"));
        }
        return;
      }
      if (path.endsWith("/embeddings")) {
        json(exchange, 200, fixture("embeddings.json"));
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
      String marker = path.startsWith("/backup") ? "" : lastUserText(body);
      boolean stream = body.path("stream").asBoolean(false);
      boolean tools = body.has("tools");
      if (marker.startsWith("!429")) {
        exchange.getResponseHeaders().add("retry-after", "7");
        json(exchange, 429, fixture("error-429-rate-limit-exceeded.json"));
      } else if (marker.startsWith("!500")) {
        json(
            exchange,
            500,
            "{\"error\":{\"message\":\"The server had an error while processing your"
                + " request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
      } else if (marker.startsWith("!400")) {
        json(exchange, 400, fixture("error-400-context-length-exceeded.json"));
      } else if (marker.startsWith("!same-usage")) {
        // One recorded answer in both forms (same usage), for streamed-vs-not comparisons.
        if (stream) {
          stream(exchange, "chat-stream-parallel-tool-calls.sse", marker);
        } else {
          json(exchange, 200, fixture("chat-parallel-tool-calls.json"));
        }
      } else if (!stream) {
        json(exchange, 200, fixture(tools ? "chat-tool-call.json" : "chat-text.json"));
      } else {
        stream(exchange, tools ? "chat-stream-tool-call.sse" : "chat-stream-usage.sse", marker);
      }
    }
  }

  private void stream(HttpExchange exchange, String fixture, String marker) throws IOException {
    String[] events = fixture(fixture).split("\n\n");
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
  private static void bedrock(HttpExchange exchange, String path) throws IOException {
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
    if (path.endsWith("/converse")) {
      json(exchange, 200, fixture("bedrock", "converse-text.json"));
      return;
    }
    ByteArrayOutputStream frames = new ByteArrayOutputStream();
    for (String line : fixture("bedrock", "converse-stream-text.jsonl").split("\n")) {
      if (!line.isBlank()) {
        JsonNode event = JSON.readTree(line);
        String type = event.fieldNames().next();
        frames.writeBytes(
            ai.hyperion.provider.bedrock.EventStreamEncoder.event(
                type, event.get(type).toString()));
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
