package ai.hyperion.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Several JDK clients of the same configuration behind one, each request going to the next in turn.
 * A JDK client has one selector thread, and every exchange registers its reads and writes with it
 * under one lock: at a hundred concurrent upstream calls that lock was the gateway's most contended
 * monitor (JFR {@code jdk.JavaMonitorEnter} during {@code bench/run.sh}). Each shard has its own
 * selector and connection pool.
 *
 * <p>Over HTTP/2 a JDK client keeps one connection per upstream, and Java 17's fails a request with
 * "too many concurrent streams" once that connection carries as many streams as the upstream allows
 * (its {@code SETTINGS_MAX_CONCURRENT_STREAMS}) instead of opening another. Such a request never
 * left the gateway, so it is sent again: on an overflow client (one more HTTP/2 connection and
 * selector thread each, made when first needed, at most {@code maxOverflowClients}), and when those
 * are full too over HTTP/1.1, on a connection of its own.
 */
final class ShardedHttpClient extends ForwardingHttpClient {

  private static final String STREAMS_EXHAUSTED = "too many concurrent streams";

  private final List<HttpClient> shards;
  private final AtomicInteger next = new AtomicInteger();
  private final Supplier<HttpClient> newOverflowClient;
  private final int maxOverflowClients;
  private final List<HttpClient> overflow = new CopyOnWriteArrayList<>();

  ShardedHttpClient(
      List<HttpClient> shards, Supplier<HttpClient> newOverflowClient, int maxOverflowClients) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("at least one client");
    }
    this.shards = List.copyOf(shards);
    this.newOverflowClient = newOverflowClient;
    this.maxOverflowClients = maxOverflowClients;
  }

  int size() {
    return shards.size();
  }

  /** Overflow clients made so far. */
  int overflowClients() {
    return overflow.size();
  }

  private HttpClient pick() {
    return shards.get(Math.floorMod(next.getAndIncrement(), shards.size()));
  }

  /** All shards are built alike: the first answers for their configuration. */
  @Override
  protected HttpClient configured() {
    return shards.get(0);
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpClient client = pick();
    for (int level = 0; ; level++) {
      try {
        return client.send(request, handler);
      } catch (IOException e) {
        if (!streamsExhausted(e)) {
          throw e;
        }
        HttpClient spill = overflowClient(level);
        if (spill == null) {
          return client.send(overHttp11(request), handler);
        }
        client = spill;
      }
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return sendAsync(pick(), 0, request, (client, r) -> client.sendAsync(r, handler));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return sendAsync(pick(), 0, request, (client, r) -> client.sendAsync(r, handler, push));
  }

  private <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpClient client,
      int level,
      HttpRequest request,
      BiFunction<HttpClient, HttpRequest, CompletableFuture<HttpResponse<T>>> send) {
    CompletableFuture<HttpResponse<T>> sent = send.apply(client, request);
    if (overHttp11Already(request)) {
      return sent;
    }
    return sent.exceptionallyCompose(
        failure -> {
          if (!streamsExhausted(failure)) {
            return CompletableFuture.failedFuture(failure);
          }
          HttpClient spill = overflowClient(level);
          return spill == null
              ? send.apply(client, overHttp11(request))
              : sendAsync(spill, level + 1, request, send);
        });
  }

  /** The {@code index}th overflow client, made if it is the next; null beyond the bound. */
  private HttpClient overflowClient(int index) {
    if (index >= maxOverflowClients) {
      return null;
    }
    if (index < overflow.size()) {
      return overflow.get(index);
    }
    synchronized (overflow) {
      while (overflow.size() <= index) {
        overflow.add(newOverflowClient.get());
      }
      return overflow.get(index);
    }
  }

  /** A request pinned to HTTP/1.1 never meets a stream limit: no stage to watch for one. */
  private static boolean overHttp11Already(HttpRequest request) {
    return request.version().filter(HttpClient.Version.HTTP_1_1::equals).isPresent();
  }

  private static HttpRequest overHttp11(HttpRequest request) {
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private static boolean streamsExhausted(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof IOException
        && cause.getMessage() != null
        && cause.getMessage().contains(STREAMS_EXHAUSTED);
  }
}
