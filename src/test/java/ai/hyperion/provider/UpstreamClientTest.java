package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every wait on an upstream is bounded, the body as well as the headers (the JDK client's request
 * timeout covers the headers only), and a body that breaks a limit has its connection closed.
 */
class UpstreamClientTest {

  /** Short limits; the fake holds its answers far longer (until this test ends). */
  private static final UpstreamTimeouts LIMITS =
      new UpstreamTimeouts(
          Duration.ofSeconds(5),
          Duration.ofMillis(700),
          Duration.ofSeconds(2),
          Duration.ofSeconds(3));

  private final CountDownLatch testDone = new CountDownLatch(1);
  private final CountDownLatch hungUp = new CountDownLatch(1);
  private final CountDownLatch attached = new CountDownLatch(1);
  private HttpServer server;
  private UpstreamClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/stall", e -> hold(e, 200, null));
    server.createContext("/stall-error", e -> hold(e, 500, null));
    server.createContext("/endless", e -> hold(e, 200, " "));
    server.createContext("/endless-stream", e -> hold(e, 200, ": keep-alive\n\n"));
    server.createContext("/huge-error", this::hugeError);
    server.createContext(
        "/ok",
        e -> {
          try (e) {
            e.getRequestBody().readAllBytes();
            awaitQuietly(attached);
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(200, ok.length);
            e.getResponseBody().write(ok);
          }
        });
    server.createContext(
        "/ok-stream",
        e -> {
          try (e) {
            e.getRequestBody().readAllBytes();
            awaitQuietly(attached);
            e.sendResponseHeaders(200, 0);
            e.getResponseBody().write("data: {}\n\n".getBytes(StandardCharsets.UTF_8));
          }
        });
    server.start();
    client =
        new UpstreamClient(
            "fake", HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), LIMITS);
  }

  @AfterEach
  void stop() {
    testDone.countDown();
    server.stop(0);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Sends headers, then nothing ({@code trickle} null) or {@code trickle} every 100 ms. */
  private void hold(HttpExchange exchange, int status, String trickle) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status, 0);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      while (!testDone.await(100, TimeUnit.MILLISECONDS)) {
        if (trickle != null) {
          out.write(trickle.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (IOException closed) {
      hungUp.countDown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void hugeError(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(500, 0);
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'e');
      for (int i = 0; i < 1024 && testDone.getCount() > 0; i++) {
        exchange.getResponseBody().write(chunk);
      }
    } catch (IOException closed) {
      hungUp.countDown();
    }
  }

  private static ProviderException failure(CompletableFuture<?> call) throws Exception {
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> call.get(30, TimeUnit.SECONDS));
    return assertInstanceOf(ProviderException.class, failed.getCause());
  }

  private CompletableFuture<byte[]> post(String path) {
    return client
        .postJson(
            uri(path),
            Map.of(),
            "{}".getBytes(StandardCharsets.UTF_8),
            (status, body) ->
                new ProviderException(
                    502,
                    "upstream_error",
                    "upstream_" + status,
                    null,
                    body.length + " bytes",
                    true))
        .toCompletableFuture();
  }

  @Test
  void headersThenSilenceIsA504AndTheConnectionIsClosed() throws Exception {
    ProviderException e = failure(post("/stall"));

    assertEquals(504, e.status());
    assertEquals("upstream_timeout", e.code());
    // The fake only notices a closed connection when it writes: it keeps silent here, so the
    // closing is shown by the endless case below.
  }

  @Test
  void aBodyThatNeverEndsIsA504AfterTheTotalAndItsConnectionIsClosed() throws Exception {
    long start = System.nanoTime();
    ProviderException e = failure(post("/endless"));

    assertEquals(504, e.status());
    assertTrue(
        System.nanoTime() - start >= LIMITS.total().toNanos(),
        "reads kept arriving, so only the total ended it");
    assertTrue(hungUp.await(30, TimeUnit.SECONDS), "the gateway closed the connection");
  }

  @Test
  void anErrorBodyThatStallsIsA504NotAHang() throws Exception {
    ProviderException e = failure(post("/stall-error"));

    assertEquals(504, e.status());
  }

  @Test
  void anOversizedErrorBodyIsCutToItsFirstBytes() throws Exception {
    ProviderException e = failure(post("/huge-error"));

    assertEquals("upstream_500", e.code());
    assertEquals(BoundedBody.MAX_ERROR_BYTES + " bytes", e.getMessage());
  }

  @Test
  void aStreamThatOnlyKeepsAliveEndsAtTheStreamTotal() throws Exception {
    Flow.Publisher<List<ByteBuffer>> body =
        client
            .openStream(uri("/endless-stream"), Map.of(), new byte[0], (s, b) -> null)
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    body.subscribe(
        new Flow.Subscriber<>() {
          private Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
          }

          @Override
          public void onNext(List<ByteBuffer> item) {
            subscription.request(1);
          }

          @Override
          public void onError(Throwable throwable) {
            ended.complete(throwable);
          }

          @Override
          public void onComplete() {
            ended.complete(null);
          }
        });

    Throwable failure = ended.get(30, TimeUnit.SECONDS);
    ProviderException timeout = assertInstanceOf(ProviderException.class, failure);
    assertEquals(504, timeout.status());
    assertEquals("upstream_timeout", timeout.code(), "the total, not the idle limit");
    assertTrue(hungUp.await(30, TimeUnit.SECONDS), "the gateway closed the connection");
  }

  @Test
  void aStreamThatGoesSilentEndsAtTheIdleTimeout() throws Exception {
    Flow.Publisher<List<ByteBuffer>> body =
        client
            .openStream(uri("/stall"), Map.of(), new byte[0], (s, b) -> null)
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    CompletableFuture<Throwable> ended = new CompletableFuture<>();
    long start = System.nanoTime();
    body.subscribe(
        new Flow.Subscriber<>() {
          @Override
          public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(List<ByteBuffer> item) {}

          @Override
          public void onError(Throwable throwable) {
            ended.complete(throwable);
          }

          @Override
          public void onComplete() {
            ended.complete(null);
          }
        });

    ProviderException idle =
        assertInstanceOf(ProviderException.class, ended.get(30, TimeUnit.SECONDS));
    // The code routing's event watcher gives too: whichever sees the silence first, one answer.
    assertEquals("upstream_idle_timeout", idle.code());
    assertEquals(504, idle.status());
    assertTrue(
        System.nanoTime() - start
            < LIMITS.streamTotal().toNanos() + Duration.ofSeconds(20).toNanos(),
        "ended by the idle limit, long before anything else");
  }

  @Test
  void completionsRunOnAPoolThreadNeverOnTheClientsSelectorThread() throws Exception {
    UpstreamClient shared =
        new UpstreamClient(
            "fake", UpstreamHttpClientProducer.withConnectTimeout(Duration.ofSeconds(7)), LIMITS);

    // The fake answers only once the callback is attached, so the callback runs where the
    // completion happens rather than on this thread.
    CompletableFuture<Thread> thread =
        shared
            .postJson(uri("/ok"), Map.of(), new byte[0], (s, b) -> null)
            .thenApply(body -> Thread.currentThread())
            .toCompletableFuture();
    attached.countDown();

    // The client's callback pool, not the common pool the JDK client completes its futures on.
    Thread ran = thread.get(30, TimeUnit.SECONDS);
    assertFalse(UpstreamClient.isSelectorThread(ran), ran.getName());
    assertTrue(ran.getName().startsWith("hyperion-upstream-"), ran.getName());
  }

  @Test
  void anAcceptedStreamGoesOnFromTheClientsCallbackThreadNotThroughTheCommonPool()
      throws Exception {
    UpstreamClient shared =
        new UpstreamClient(
            "fake", UpstreamHttpClientProducer.withConnectTimeout(Duration.ofSeconds(7)), LIMITS);

    CompletableFuture<Thread> thread =
        shared
            .openStream(uri("/ok-stream"), Map.of(), new byte[0], (s, b) -> null)
            .thenApply(body -> Thread.currentThread())
            .toCompletableFuture();
    attached.countDown();

    // The JDK client would complete its response future on the common pool: one hand-off more
    // before the stream's first byte reaches the client.
    Thread ran = thread.get(30, TimeUnit.SECONDS);
    assertTrue(ran.getName().startsWith("hyperion-upstream-"), ran.getName());
  }

  @Test
  void aRefusedStreamStillFailsWithTheProvidersError() throws Exception {
    CompletableFuture<?> call =
        client
            .openStream(
                uri("/huge-error"),
                Map.of(),
                new byte[0],
                (status, body) ->
                    new ProviderException(
                        502, "upstream_error", "upstream_" + status, null, "refused", true))
            .toCompletableFuture();

    assertEquals("upstream_500", failure(call).code());
  }

  @Test
  void aCompletionStaysOnItsPoolThreadAndLeavesOnlyTheSelectorThread() throws Exception {
    List<Runnable> handedOff = new ArrayList<>();
    Executor callbacks = UpstreamClient.offSelector(handedOff::add);
    Thread[] ranOn = new Thread[1];

    callbacks.execute(() -> ranOn[0] = Thread.currentThread());

    assertSame(Thread.currentThread(), ranOn[0], "run where it completed, no hand-off");
    assertTrue(handedOff.isEmpty());

    HttpClient http = HttpClient.newHttpClient();
    Thread selector =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().matches("HttpClient-\\d+-SelectorManager"))
            .findFirst()
            .orElseThrow();
    assertTrue(UpstreamClient.isSelectorThread(selector), selector.getClass().getName());
    assertFalse(UpstreamClient.isSelectorThread(Thread.currentThread()));
    Reference.reachabilityFence(http); // its selector thread ends with it
  }
}
