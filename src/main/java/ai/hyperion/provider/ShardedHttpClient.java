package ai.hyperion.provider;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several JDK clients of the same configuration behind one, each request going to the next in turn.
 * A JDK client has one selector thread, and every exchange registers its reads and writes with it
 * under one lock: at a hundred concurrent upstream calls that lock was the gateway's most contended
 * monitor (JFR {@code jdk.JavaMonitorEnter} during {@code bench/run.sh}). Each shard has its own
 * selector and connection pool.
 */
final class ShardedHttpClient extends ForwardingHttpClient {

  private final List<HttpClient> shards;
  private final AtomicInteger next = new AtomicInteger();

  ShardedHttpClient(List<HttpClient> shards) {
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("at least one client");
    }
    this.shards = List.copyOf(shards);
  }

  int size() {
    return shards.size();
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
    return pick().send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return pick().sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    return pick().sendAsync(request, handler, push);
  }
}
