package ai.hyperion.routing;

import ai.hyperion.testing.Fixtures;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible upstream on 127.0.0.1 (free port) whose answers the test scripts per path
 * prefix ({@code /a}, {@code /b}, ...) and per API key: recorded OpenAI bodies for 200, 429 (with
 * {@code retry-after} / {@code retry-after-ms}), 401 and 5xx. Counts every call by path and key.
 */
final class ScriptedUpstream implements AutoCloseable {

  record Reply(int status, Map<String, String> headers, String fixture) {
    static Reply ok() {
      return new Reply(200, Map.of(), "chat-text.json");
    }

    static Reply ok(Map<String, String> headers) {
      return new Reply(200, headers, "chat-text.json");
    }

    static Reply status(int status, Map<String, String> headers) {
      String fixture =
          switch (status) {
            case 429 -> "error-429-rate-limit-exceeded.json";
            case 401, 403 -> "error-401-invalid-api-key.json";
            default -> null;
          };
      return new Reply(status, headers, fixture);
    }
  }

  /** One call as the upstream saw it. */
  record Call(String deployment, String key, long atNanos) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Reply> byKey = new ConcurrentHashMap<>();
  private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
  final List<Call> calls = new CopyOnWriteArrayList<>();

  ScriptedUpstream() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "scripted-upstream");
              t.setDaemon(true);
              return t;
            }));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl(String deployment) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + deployment + "/v1";
  }

  /** The next replies of a deployment, in order; after them, its default (200 unless set). */
  ScriptedUpstream script(String deployment, Reply... replies) {
    scripts.computeIfAbsent(deployment, d -> new ArrayDeque<>()).addAll(List.of(replies));
    return this;
  }

  ScriptedUpstream always(String deployment, Reply reply) {
    defaults.put(deployment, reply);
    return this;
  }

  /** Every call made with this key gets this reply. */
  ScriptedUpstream forKey(String key, Reply reply) {
    byKey.put(key, reply);
    return this;
  }

  long count(String deployment) {
    return calls.stream().filter(c -> c.deployment().equals(deployment)).count();
  }

  long countKey(String key) {
    return calls.stream().filter(c -> c.key().equals(key)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String deployment = exchange.getRequestURI().getPath().split("/")[1];
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String key = auth == null ? "" : auth.replace("Bearer ", "");
      calls.add(new Call(deployment, key, System.nanoTime()));
      Reply reply = byKey.get(key);
      if (reply == null) {
        Deque<Reply> queue = scripts.get(deployment);
        synchronized (this) {
          reply = queue == null ? null : queue.poll();
        }
      }
      if (reply == null) {
        reply = defaults.getOrDefault(deployment, Reply.ok());
      }
      byte[] body =
          reply.fixture() == null
              ? "{\"error\":{\"message\":\"upstream broke\",\"type\":\"server_error\"}}"
                  .getBytes(StandardCharsets.UTF_8)
              : Fixtures.bytes("openai/" + reply.fixture());
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
