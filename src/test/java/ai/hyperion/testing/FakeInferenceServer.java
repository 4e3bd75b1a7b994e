package ai.hyperion.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A stand-in for an OpenAI-compatible inference server (vLLM's shape), run as a real separate
 * process by the local platform in tests: {@code java -cp target/test-classes
 * ai.hyperion.testing.FakeInferenceServer --model M --port P}. JDK only, so it needs no other class
 * path. It answers {@code GET /health}, {@code GET /v1/models} and {@code POST
 * /v1/chat/completions} (recorded OpenAI bytes from {@code fixtures/openai}, streaming when the
 * request says {@code "stream":true}). Behaviour by model name: a name containing {@code crash}
 * prints an out-of-memory error and exits with code 3 before listening; one containing {@code slow}
 * loads its "weights" for {@code --load-seconds} (default 120) before listening. Like some real
 * servers it prints its access token at start-up, which the gateway must mask.
 */
public final class FakeInferenceServer {

  private FakeInferenceServer() {}

  public static void main(String[] args) throws Exception {
    String model = argument(args, "--model", "fake-model");
    int port = Integer.parseInt(argument(args, "--port", "0"));
    System.out.println("INFO fake inference server: loading " + model);
    String token = System.getenv("HF_TOKEN");
    if (token != null) {
      System.out.println("INFO using HF_TOKEN=" + token + " to download weights");
    }
    if (model.contains("crash")) {
      System.out.println("ERROR torch.OutOfMemoryError: CUDA out of memory while loading " + model);
      System.out.flush();
      System.exit(3);
    }
    if (model.contains("slow")) {
      System.out.println("INFO loading weights of " + model + " ...");
      System.out.flush();
      Thread.sleep(1000L * Integer.parseInt(argument(args, "--load-seconds", "120")));
    }
    byte[] chat = fixture("chat-text.json", model);
    byte[] stream = fixture("chat-stream-usage.sse", model);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/health", exchange -> send(exchange, 200, "text/plain", new byte[0]));
    server.createContext(
        "/v1/models",
        exchange ->
            send(
                exchange,
                200,
                "application/json",
                ("{\"object\":\"list\",\"data\":[{\"id\":\""
                        + model
                        + "\",\"object\":\"model\",\"owned_by\":\"vllm\",\"root\":\""
                        + model
                        + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8)));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          if (body.replace(" ", "").contains("\"stream\":true")) {
            send(exchange, 200, "text/event-stream", stream);
          } else {
            send(exchange, 200, "application/json", chat);
          }
        });
    server.start();
    System.out.println("INFO Uvicorn running on http://127.0.0.1:" + port);
    System.out.flush();
  }

  private static byte[] fixture(String name, String model) {
    return Fixtures.text("openai/" + name)
        .replaceAll("\"model\":\\s*\"[^\"]*\"", "\"model\":\"" + model + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
