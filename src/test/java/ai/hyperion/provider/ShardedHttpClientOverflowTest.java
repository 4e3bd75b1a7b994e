package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.Http2Upstream;
import ai.hyperion.testing.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upstream that speaks HTTP/2 over TLS and allows two concurrent streams a connection (a
 * provider allows 100 to 1,000): requests beyond what one connection carries are answered, over an
 * overflow client's connection and then over HTTP/1.1, instead of failing.
 */
class ShardedHttpClientOverflowTest {

  @TempDir Path dir;
  private Http2Upstream upstream;
  private URI uri;
  private SSLContext trust;
  private final Semaphore held = new Semaphore(0);
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    upstream =
        Http2Upstream.start(
            certificate,
            2,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback)
                  throws Exception {
                held.release();
                release.await(20, TimeUnit.SECONDS);
                response.getHeaders().put("Content-Type", "application/json");
                Content.Sink.write(response, true, "{\"object\":\"chat.completion\"}", callback);
                return true;
              }
            });
    uri = URI.create("https://127.0.0.1:" + upstream.port() + "/v1/chat/completions");
    trust = certificate.trusting();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    upstream.stop();
  }

  @Test
  void streamsBeyondAConnectionsLimitGoOverAnOverflowConnectionThenOverHttp11() throws Exception {
    ShardedHttpClient client = new ShardedHttpClient(List.of(newClient()), this::newClient, 1);
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // One at a time, each held open by the upstream before the next is sent: the first two fill
    // the shard's connection, the next two the overflow client's, the last two find both full.
    for (int i = 1; i <= 6; i++) {
      answers.add(client.sendAsync(post(), HttpResponse.BodyHandlers.ofString()));
      assertTrue(held.tryAcquire(10, TimeUnit.SECONDS), "request " + i + " reached the upstream");
    }
    release.countDown();
    List<HttpClient.Version> versions = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
      assertEquals(200, response.statusCode());
      assertEquals("{\"object\":\"chat.completion\"}", response.body());
      versions.add(response.version());
    }
    assertEquals(
        List.of(
            HttpClient.Version.HTTP_2,
            HttpClient.Version.HTTP_2,
            HttpClient.Version.HTTP_2,
            HttpClient.Version.HTTP_2,
            HttpClient.Version.HTTP_1_1,
            HttpClient.Version.HTTP_1_1),
        versions);
    assertEquals(1, client.overflowClients());
  }

  @Test
  void theBlockingSendSpillsToo() throws Exception {
    ShardedHttpClient client = new ShardedHttpClient(List.of(newClient()), this::newClient, 0);
    List<CompletableFuture<HttpResponse<String>>> open = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      open.add(client.sendAsync(post(), HttpResponse.BodyHandlers.ofString()));
      assertTrue(held.tryAcquire(10, TimeUnit.SECONDS));
    }
    CompletableFuture<HttpResponse<String>> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client.send(post(), HttpResponse.BodyHandlers.ofString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(held.tryAcquire(10, TimeUnit.SECONDS), "the third request reached the upstream");
    release.countDown();
    HttpResponse<String> response = third.get(20, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    for (CompletableFuture<HttpResponse<String>> answer : open) {
      assertEquals(HttpClient.Version.HTTP_2, answer.get(20, TimeUnit.SECONDS).version());
    }
  }

  private HttpRequest post() {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}"))
        .build();
  }

  private HttpClient newClient() {
    return HttpClient.newBuilder().sslContext(trust).build();
  }
}
