package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShardedHttpClientTest {

  private HttpServer server;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          clientPorts.add(exchange.getRemoteAddress().getPort());
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theSharedClientSpreadsRequestsOverItsShardsEachKeepingItsConnection() throws Exception {
    HttpClient shared = UpstreamHttpClientProducer.jdkClient(Duration.ofSeconds(3));
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/x");
    int rounds = 3;
    for (int i = 0; i < rounds * UpstreamHttpClientProducer.SHARDS; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .version(HttpClient.Version.HTTP_1_1)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      HttpResponse<String> response =
          shared.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get();
      assertEquals(200, response.statusCode());
    }
    // Sequential requests: each shard reuses its one kept-alive connection, and every shard
    // served some.
    assertEquals(UpstreamHttpClientProducer.SHARDS, clientPorts.size(), clientPorts.toString());
  }
}
