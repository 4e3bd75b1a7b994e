package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.Http2Upstream;
import ai.hyperion.testing.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Netty upstream client against an upstream that speaks HTTP/2 over TLS (Jetty, ALPN offering
 * h2 and HTTP/1.1) and allows {@link #STREAMS_PER_CONNECTION} concurrent streams a connection: what
 * reaches it, streams sharing connections and opening new ones only when full, flow control per
 * stream, a stream's cancellation, and connections the upstream closes.
 */
class NettyHttp2Test {

  private static final int STREAMS_PER_CONNECTION = 3;
  private static final int FIREHOSE_BYTES = 8 * 1024 * 1024;
  private static final int BURST_PIECES = 200;
  private static final int BURST_PIECE_BYTES = 100;

  @TempDir Path dir;
  private Http2Upstream upstream;
  private ServerConnector connector;
  private SelfSignedCertificate certificate;
  private NettyHttpClient client;
  private final Set<Long> connections = ConcurrentHashMap.newKeySet();
  private final Semaphore held = new Semaphore(0);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicLong firehoseWritten = new AtomicLong();
  private final LinkedBlockingQueue<Throwable> firehoseFailures = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    certificate = SelfSignedCertificate.create(dir);
    upstream = Http2Upstream.start(certificate, STREAMS_PER_CONNECTION, new Upstream());
    connector = upstream.connector();
    client = new NettyHttpClient(Duration.ofSeconds(5), certificate.trusting(), true);
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    upstream.stop();
  }

  /** Answers by path: /echo what it received, /held once released, /firehose 8 MiB. */
  private final class Upstream extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      connections.add(connectionNumber(request));
      String path = Request.getPathInContext(request);
      if (path.startsWith("/held")) {
        held.release();
        release.await(20, TimeUnit.SECONDS);
      } else if (path.startsWith("/firehose")) {
        firehose(response, callback);
        return true;
      } else if (path.startsWith("/burst")) {
        burst(response, callback);
        return true;
      }
      String echo =
          request.getConnectionMetaData().getProtocol()
              + " "
              + request.getMethod()
              + " "
              + request.getHttpURI().getPathQuery()
              + " authority="
              + request.getHttpURI().getAuthority()
              + " auth="
              + request.getHeaders().get("Authorization")
              + " body="
              + Content.Source.asString(request);
      response.setStatus(201);
      response.getHeaders().add("X-Upstream", "one");
      response.getHeaders().add("X-Upstream", "two");
      Content.Sink.write(response, true, echo, callback);
      return true;
    }

    /**
     * {@link #BURST_PIECES} small writes a millisecond apart, the last few and the end together (as
     * a chat stream ends: finish reason, usage, [DONE]).
     */
    private void burst(Response response, Callback callback)
        throws IOException, InterruptedException {
      for (int i = 0; i < BURST_PIECES; i++) {
        try (Blocker.Callback written = Blocker.callback()) {
          response.write(false, ByteBuffer.wrap(new byte[BURST_PIECE_BYTES]), written);
          written.block();
        }
        if (i < BURST_PIECES - 4) {
          Thread.sleep(1);
        }
      }
      response.write(true, null, callback);
    }

    private void firehose(Response response, Callback callback) {
      byte[] block = new byte[16 * 1024];
      try {
        for (int sent = 0; sent < FIREHOSE_BYTES; sent += block.length) {
          try (Blocker.Callback written = Blocker.callback()) {
            response.write(false, ByteBuffer.wrap(block), written);
            written.block();
          }
          firehoseWritten.addAndGet(block.length);
        }
        response.write(true, null, callback);
      } catch (IOException | RuntimeException failed) {
        firehoseFailures.add(failed);
        callback.failed(failed);
      }
    }
  }

  private static long connectionNumber(Request request) {
    return System.identityHashCode(request.getConnectionMetaData().getConnection());
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Test
  void aRequestToAnUpstreamThatOffersHttp2GoesOverHttp2WithItsTargetHeadersAndBody()
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/echo/v1/chat?x=a%20b"))
            .header("Authorization", "Bearer upstream-key")
            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}"))
            .build();

    HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertEquals(201, answer.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    assertEquals(
        "HTTP/2.0 POST /echo/v1/chat?x=a%20b authority=127.0.0.1:"
            + connector.getLocalPort()
            + " auth=Bearer upstream-key body={\"model\":\"m\"}",
        answer.body());
    assertEquals(List.of("one", "two"), answer.headers().allValues("x-upstream"));
  }

  @Test
  void streamsShareAConnectionUpToTheUpstreamsLimitThenAnotherOpensAndFreedStreamsAreReused()
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // Held one at a time: two connections (one per event loop) take three streams each, the
    // upstream's limit; the seventh and eighth find both full.
    for (int i = 1; i <= 8; i++) {
      answers.add(client.sendAsync(get("/held"), HttpResponse.BodyHandlers.ofString()));
      assertTrue(held.tryAcquire(10, TimeUnit.SECONDS), "request " + i + " reached the upstream");
    }
    assertEquals(3, client.http2Connections(uri("/")));
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
      assertEquals(201, response.statusCode());
      assertEquals(HttpClient.Version.HTTP_2, response.version());
    }

    for (int i = 0; i < 10; i++) {
      assertEquals(201, echo().statusCode());
    }
    assertEquals(3, connections.size(), "the streams that ended left room for ten more");
    assertEquals(3, client.http2Connections(uri("/")));
  }

  @Test
  void requestsArrivingTogetherAtANewOriginWaitForOneConnectionInsteadOfOpeningOneEach()
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(client.sendAsync(get("/held"), HttpResponse.BodyHandlers.ofString()));
    }
    assertTrue(held.tryAcquire(6, 10, TimeUnit.SECONDS), "all six reached the upstream");
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertEquals(HttpClient.Version.HTTP_2, answer.get(10, TimeUnit.SECONDS).version());
    }
    assertEquals(2, connections.size(), "six streams need two connections: " + connections);
  }

  @Test
  void aCrowdArrivingAtOnceOpensTheConnectionsItNeedsTogetherRatherThanOneEachAfterWaiting()
      throws Exception {
    int crowd = 20 * STREAMS_PER_CONNECTION;
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < crowd; i++) {
      answers.add(client.sendAsync(get("/held"), HttpResponse.BodyHandlers.ofString()));
    }
    assertTrue(held.tryAcquire(crowd, 20, TimeUnit.SECONDS), "all reached the upstream");
    release.countDown();
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertEquals(HttpClient.Version.HTTP_2, answer.get(10, TimeUnit.SECONDS).version());
    }
    // The first connection tells the limit; the rest of the crowd then needs 19 more at once.
    assertEquals(20, connections.size(), crowd + " streams, 3 a connection");
  }

  @Test
  void streamsWhoseReadersStopPauseAloneAndCancellingOneResetsOnlyThatStream() throws Exception {
    // Two stalled streams on one connection (the second also has another opened beside it).
    Flow.Subscription first = stalledFirehose();
    Flow.Subscription second = stalledFirehose();
    Thread.sleep(1000);

    long written = firehoseWritten.get();
    assertTrue(
        written < 1024 * 1024,
        "the upstream's writes stopped at the streams' flow-control windows: " + written);
    assertEquals(1, connections.size(), "a connection with room takes the second stream");
    // Each stalled stream holds its unread bytes against its connection's window too; another
    // stream beside them still gets its answer.
    assertEquals(201, echo().statusCode());
    int used = connections.size();

    first.cancel();
    Throwable failure = firehoseFailures.poll(5, TimeUnit.SECONDS);
    assertInstanceOf(IOException.class, failure, "the upstream saw its stream reset");
    assertEquals(201, echo().statusCode());
    assertEquals(used, connections.size(), "the connections outlived the reset stream");
    assertEquals(2, client.http2Connections(uri("/")), "one a loop once the first was busy");
    second.cancel();
  }

  /** A firehose stream whose reader took one piece and asks for no more. */
  private Flow.Subscription stalledFirehose() throws Exception {
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> answer =
        client.send(get("/firehose"), HttpResponse.BodyHandlers.ofPublisher());
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    CountDownLatch received = new CountDownLatch(1);
    answer
        .body()
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
                s.request(1);
              }

              @Override
              public void onNext(List<ByteBuffer> item) {
                received.countDown();
              }

              @Override
              public void onError(Throwable failure) {}

              @Override
              public void onComplete() {}
            });
    assertTrue(received.await(5, TimeUnit.SECONDS), "the first piece arrived");
    return subscription.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aSlowReaderGetsEveryPieceAndTheEndOfAStreamTheUpstreamEndedLongBefore() throws Exception {
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      List<CompletableFuture<Long>> bodies = new ArrayList<>();
      for (int i = 0; i < 12; i++) { // four connections' worth
        CompletableFuture<Long> body = new CompletableFuture<>();
        client
            .sendAsync(get("/burst"), HttpResponse.BodyHandlers.ofPublisher())
            .thenAccept(answer -> answer.body().subscribe(slowReader(later, body)));
        bodies.add(body);
      }
      for (CompletableFuture<Long> body : bodies) {
        assertEquals((long) BURST_PIECES * BURST_PIECE_BYTES, body.get(20, TimeUnit.SECONDS));
      }
    } finally {
      later.shutdownNow();
    }
  }

  /**
   * Asks for one piece at a time: at once mostly, every fifth a millisecond after it arrived; the
   * byte count.
   */
  private static Flow.Subscriber<List<ByteBuffer>> slowReader(
      ScheduledExecutorService later, CompletableFuture<Long> body) {
    return new Flow.Subscriber<>() {
      private Flow.Subscription subscription;
      private long bytes;
      private int pieces;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
      }

      @Override
      public void onNext(List<ByteBuffer> item) {
        item.forEach(buffer -> bytes += buffer.remaining());
        if (++pieces % 5 == 0) {
          later.schedule(() -> subscription.request(1), 1, TimeUnit.MILLISECONDS);
        } else {
          subscription.request(1);
        }
      }

      @Override
      public void onError(Throwable failure) {
        body.completeExceptionally(failure);
      }

      @Override
      public void onComplete() {
        body.complete(bytes);
      }
    };
  }

  @Test
  void aWholeLargeBodyArrivesThroughTheFlowControlWindows() throws Exception {
    HttpResponse<byte[]> answer =
        client.send(get("/firehose"), HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, answer.statusCode());
    assertEquals(FIREHOSE_BYTES, answer.body().length);
  }

  @Test
  void aConnectionTheUpstreamClosedWhileIdleIsReplacedWithoutFailingTheRequest() throws Exception {
    connector.setIdleTimeout(300); // for connections made from now on
    assertEquals(201, echo().statusCode());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.http2Connections(uri("/")) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, client.http2Connections(uri("/")), "the upstream closed the idle connection");

    HttpResponse<String> answer = echo();

    assertEquals(201, answer.statusCode());
    assertEquals(HttpClient.Version.HTTP_2, answer.version());
    assertEquals(2, connections.size());
  }

  @Test
  void withHttp2TurnedOffTheSameUpstreamIsReachedOverHttp11() throws Exception {
    NettyHttpClient http11 =
        new NettyHttpClient(Duration.ofSeconds(5), certificate.trusting(), false);

    HttpResponse<String> answer = http11.send(get("/echo"), HttpResponse.BodyHandlers.ofString());

    assertEquals(HttpClient.Version.HTTP_1_1, answer.version());
    assertTrue(answer.body().startsWith("HTTP/1.1 GET /echo "), answer.body());
  }

  @Test
  void anUpstreamThatChoosesHttp2ButSendsNoSettingsFailsTheRequestAfterTheConnectTimeout()
      throws Exception {
    SSLServerSocket silent =
        (SSLServerSocket)
            certificate
                .serving()
                .getServerSocketFactory()
                .createServerSocket(0, 16, InetAddress.getLoopbackAddress());
    SSLParameters h2Only = silent.getSSLParameters();
    h2Only.setApplicationProtocols(new String[] {"h2"});
    silent.setSSLParameters(h2Only);
    Thread acceptor =
        new Thread(
            () -> {
              try (SSLSocket socket = (SSLSocket) silent.accept()) {
                socket.startHandshake();
                socket.getInputStream().readAllBytes(); // reads the preface, answers nothing
              } catch (IOException closed) {
                // the client gave up and closed the connection: what this test waits for
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    try (silent) {
      NettyHttpClient impatient =
          new NettyHttpClient(Duration.ofMillis(500), certificate.trusting(), true);
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/v1/chat/completions"))
              .GET()
              .build();

      ExecutionException failed =
          assertThrows(
              ExecutionException.class,
              () ->
                  impatient
                      .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                      .get(5, TimeUnit.SECONDS));

      assertInstanceOf(HttpConnectTimeoutException.class, failed.getCause());
      acceptor.join(5000);
      assertTrue(!acceptor.isAlive(), "the client closed the silent connection");
    }
  }

  @Test
  void anUntrustedCertificateFailsTheRequestWithAnIoException() {
    NettyHttpClient untrusting = new NettyHttpClient(Duration.ofSeconds(5), true);

    assertThrows(
        IOException.class,
        () -> untrusting.send(get("/echo"), HttpResponse.BodyHandlers.ofString()));
  }

  /** An echo request's answer, which must arrive whole within 5 s. */
  private HttpResponse<String> echo() throws Exception {
    return client
        .sendAsync(get("/echo"), HttpResponse.BodyHandlers.ofString())
        .get(5, TimeUnit.SECONDS);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(uri(path)).GET().build();
  }
}
