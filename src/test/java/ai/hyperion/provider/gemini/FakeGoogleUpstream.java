package ai.hyperion.provider.gemini;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake Gemini / Vertex AI upstream on 127.0.0.1: answers each method (the path's {@code
 * :generateContent}, {@code :streamGenerateContent}, ... suffix) with recorded bytes and status,
 * and records what it was sent. Bodies go out in two writes so streams really stream.
 */
final class FakeGoogleUpstream implements AutoCloseable {

  record Received(String path, String query, Map<String, String> headers, JsonNode body) {}

  private record Reply(int status, String contentType, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeGoogleUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers requests whose path ends with {@code method} (e.g. ":generateContent"). */
  void answer(String method, int status, String contentType, byte[] body) {
    replies.put(method, new Reply(status, contentType, body));
  }

  void answerJson(String method, int status, byte[] body) {
    answer(method, status, "application/json; charset=UTF-8", body);
  }

  List<Received> received() {
    return received;
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Map<String, String> headers = new ConcurrentHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      JsonNode body = Json.tryParse(exchange.getRequestBody().readAllBytes()).orElse(null);
      received.add(new Received(path, exchange.getRequestURI().getQuery(), headers, body));
      Reply reply =
          replies.entrySet().stream()
              .filter(e -> path.endsWith(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(new Reply(404, "text/plain", "no such fake method".getBytes()));
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), 0);
      OutputStream out = exchange.getResponseBody();
      int half = reply.body().length / 2;
      out.write(reply.body(), 0, half);
      out.flush();
      out.write(reply.body(), half, reply.body().length - half);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
