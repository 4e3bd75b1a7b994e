package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.SelfSignedCertificate;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Netty upstream client against real servers on loopback: what it sends, keep-alive, streaming
 * with backpressure, and every failure the gateway maps (timeout, refused, cut body, stale pooled
 * connection, TLS with the host checked).
 */
class NettyHttpClientTest {

  @TempDir Path dir;
  private HttpServer server;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final CountDownLatch testDone = new CountDownLatch(1);
  private final CountDownLatch secondChunk = new CountDownLatch(1);
  private final AtomicLong bytesWritten = new AtomicLong();
  private final LinkedBlockingQueue<Throwable> writeFailures = new LinkedBlockingQueue<>();
  private final NettyHttpClient client = new NettyHttpClient(Duration.ofSeconds(5), true);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/echo",
        e -> {
          try (e) {
            clientPorts.add(e.getRemoteAddress().getPort());
            String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String echo =
                e.getRequestMethod()
                    + " "
                    + e.getRequestURI()
                    + " auth="
                    + e.getRequestHeaders().getFirst("Authorization")
                    + " host="
                    + e.getRequestHeaders().getFirst("Host")
                    + " body="
                    + body;
            byte[] bytes = echo.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().add("X-Upstream", "one");
            e.getResponseHeaders().add("X-Upstream", "two");
            e.sendResponseHeaders(201, bytes.length);
            e.getResponseBody().write(bytes);
          }
        });
    server.createContext(
        "/two-chunks",
        e -> {
          try (e) {
            e.sendResponseHeaders(200, 0);
            OutputStream out = e.getResponseBody();
            out.write("first".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitQuietly(secondChunk);
            out.write("second".getBytes(StandardCharsets.UTF_8));
          }
        });
    server.createContext(
        "/firehose",
        e -> {
          try (e) {
            e.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            OutputStream out = e.getResponseBody();
            for (int i = 0; i < 1024; i++) { // 64 MiB, far beyond the sockets' buffers
              out.write(block);
              bytesWritten.addAndGet(block.length);
            }
          } catch (IOException closed) {
            writeFailures.add(closed);
          }
        });
    server.createContext(
        "/stall",
        e -> {
          awaitQuietly(testDone);
          e.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    testDone.countDown();
    secondChunk.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void aPostCarriesItsTargetHeadersAndBodyAndTheAnswerIsReadWhole() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/echo/v1/chat?x=a%20b"))
            .header("Authorization", "Bearer upstream-key")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}"))
            .build();

    HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(201, answer.statusCode());
    int port = server.getAddress().getPort();
    assertEquals(
        "POST /echo/v1/chat?x=a%20b auth=Bearer upstream-key host=127.0.0.1:"
            + port
            + " body={\"model\":\"m\"}",
        answer.body());
    assertEquals(List.of("one", "two"), answer.headers().allValues("x-upstream"));
    assertEquals(request.uri(), answer.uri());
  }

  @Test
  void aConnectionIsKeptAliveAndReusedForTheNextRequest() throws Exception {
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(uri("/echo")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, answer.statusCode());
    }

    assertEquals(1, clientPorts.size(), "one connection carried all three: " + clientPorts);
    assertEquals(1, client.idleConnections(uri("/echo")));
  }

  @Test
  void aStreamedBodyReachesItsSubscriberAsTheUpstreamWritesIt() throws Exception {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer =
        client.send(
            HttpRequest.newBuilder(uri("/two-chunks")).GET().build(),
            HttpResponse.BodyHandlers.ofPublisher());
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    CountDownLatch complete = new CountDownLatch(1);
    answer.body().subscribe(collecting(received, complete, Long.MAX_VALUE));

    // The upstream writes its second chunk only once the first one was received here.
    assertEquals("first", received.poll(5, TimeUnit.SECONDS));
    secondChunk.countDown();
    assertEquals("second", received.poll(5, TimeUnit.SECONDS));
    assertTrue(complete.await(5, TimeUnit.SECONDS));
  }

  @Test
  void readsPauseWhileTheSubscriberAsksForNothingAndCancellingClosesTheConnection()
      throws Exception {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer =
        client.send(
            HttpRequest.newBuilder(uri("/firehose")).GET().build(),
            HttpResponse.BodyHandlers.ofPublisher());
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    answer
        .body()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
                s.request(1);
              }

              @Override
              public void onNext(List<ByteBuffer> item) {
                received.add("item");
              }

              @Override
              public void onError(Throwable failure) {}

              @Override
              public void onComplete() {}
            });
    assertEquals("item", received.poll(5, TimeUnit.SECONDS));
    Thread.sleep(1000);

    long written = bytesWritten.get();
    assertTrue(
        written < 32L * 1024 * 1024,
        "the upstream's writes stopped at the sockets' buffers, not at 64 MiB: " + written);
    subscription[0].cancel();
    Throwable failure = writeFailures.poll(5, TimeUnit.SECONDS);
    assertInstanceOf(IOException.class, failure, "the upstream saw its connection closed");
  }

  @Test
  void noHeadersWithinTheRequestTimeoutIsAnHttpTimeoutException() {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/stall")).timeout(Duration.ofMillis(300)).GET().build();

    assertInstanceOf(
        HttpTimeoutException.class, failureOf(request, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void aRefusedConnectionIsAConnectException() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort + "/")).GET().build();

    assertInstanceOf(
        ConnectException.class, failureOf(request, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void aBodyCutBeforeItsLengthFailsTheSubscriberWithAnIoException() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread upstream =
          daemon(
              () -> {
                try (Socket socket = raw.accept()) {
                  readRequestHead(socket.getInputStream());
                  socket
                      .getOutputStream()
                      .write(
                          "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b"
                              .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                  // the test fails on what the client saw
                }
              });
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/"))
              .GET()
              .build();

      assertInstanceOf(
          IOException.class, failureOf(request, HttpResponse.BodyHandlers.ofByteArray()));
      upstream.join(5000);
    }
  }

  @Test
  void aPooledConnectionTheUpstreamClosedIsReplacedWithoutFailingTheRequest() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      AtomicLong accepted = new AtomicLong();
      Thread upstream =
          daemon(
              () -> {
                // Answers one request a connection as if keeping it alive, then drops it.
                while (!raw.isClosed()) {
                  try (Socket socket = raw.accept()) {
                    accepted.incrementAndGet();
                    readRequestHead(socket.getInputStream());
                    socket
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      URI target = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/");

      for (int i = 0; i < 3; i++) {
        HttpResponse<String> answer =
            client.send(HttpRequest.newBuilder(target).GET().build(), ofString());
        assertEquals("ok", answer.body());
      }

      assertEquals(3, accepted.get(), "each request found its pooled connection dropped");
      raw.close();
      upstream.join(5000);
    }
  }

  @Test
  void tlsConnectionsCheckTheUpstreamsNameAgainstItsCertificate() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(dir);
    HttpsServer tlsServer =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    tlsServer.setHttpsConfigurator(new HttpsConfigurator(certificate.serving()));
    tlsServer.createContext(
        "/",
        e -> {
          try (e) {
            byte[] ok = "secure".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, ok.length);
            e.getResponseBody().write(ok);
          }
        });
    tlsServer.start();
    try {
      NettyHttpClient trusting =
          new NettyHttpClient(Duration.ofSeconds(5), certificate.trusting(), true);
      int port = tlsServer.getAddress().getPort();

      HttpResponse<String> answer =
          trusting.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/")).build(),
              ofString());
      assertEquals("secure", answer.body());

      // The certificate names 127.0.0.1 only: "localhost" is the same server, not the same name.
      HttpRequest wrongName =
          HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build();
      assertThrows(IOException.class, () -> trusting.send(wrongName, ofString()));
    } finally {
      tlsServer.stop(0);
    }
  }

  /** What sending {@code request} failed with (it must fail within 5 s). */
  private Throwable failureOf(HttpRequest request, HttpResponse.BodyHandler<?> handler) {
    ExecutionException failed =
        assertThrows(
            ExecutionException.class,
            () -> client.sendAsync(request, handler).get(5, TimeUnit.SECONDS));
    return failed.getCause();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "fake-upstream");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static Flow.Subscriber<List<ByteBuffer>> collecting(
      LinkedBlockingQueue<String> received, CountDownLatch complete, long demand) {
    return new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(demand);
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        for (ByteBuffer buffer : item) {
          received.add(StandardCharsets.UTF_8.decode(buffer).toString());
        }
      }

      @Override
      public void onError(Throwable failure) {
        received.add("error: " + failure);
      }

      @Override
      public void onComplete() {
        complete.countDown();
      }
    };
  }

  private static void readRequestHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
