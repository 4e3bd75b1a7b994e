package ai.hyperion.provider.bedrock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Bedrock runtime on 127.0.0.1 for adapter tests: records every request it receives and
 * answers with whatever the test scripted (a JSON body and status, or event-stream frames).
 */
final class FakeBedrock implements AutoCloseable {

  /** What the fake received, as the server saw it. */
  record Received(String method, String rawPath, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** How to answer one request. */
  @FunctionalInterface
  interface Answer {
    void write(HttpExchange exchange, Received request) throws IOException;
  }

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Answer answer = json(500, "{\"message\":\"no answer scripted\"}");

  FakeBedrock() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Received request =
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  exchange.getRequestBody().readAllBytes());
          received.add(request);
          try {
            answer.write(exchange, request);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(Answer next) {
    answer = next;
  }

  static Answer json(int status, String body) {
    return json(status, body.getBytes(StandardCharsets.UTF_8), null);
  }

  static Answer json(int status, byte[] body, String errorType) {
    return (exchange, request) -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "6f1c7d3a-0000-4000-8000-000000000000");
      if (errorType != null) {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
      }
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    };
  }

  /** Streams the bytes chunked, flushing in small pieces so frames arrive split across reads. */
  static Answer eventStream(byte[] bytes) {
    return (exchange, request) -> {
      exchange.getResponseHeaders().set("Content-Type", EventStreamDecoder.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (int i = 0; i < bytes.length; i += 37) {
        out.write(bytes, i, Math.min(37, bytes.length - i));
        out.flush();
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
