package ai.hyperion.provider;

import ai.hyperion.provider.NettyHttpClient.Origin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The HTTP/2 connections of {@link NettyHttpClient}, per origin, and what it learnt about each
 * origin's protocol. A request takes a stream on the least busy connection with room; a new
 * connection is opened when every one is full, and also while an origin has fewer connections than
 * there are event loops and each is busy (one connection is one loop's work). Concurrent requests
 * that find no room wait for one connection together instead of opening one each.
 */
final class NettyH2Pool {

  private final int spread;
  private final long maxIdleNanos;
  private final Map<Origin, List<NettyH2Connection>> connections = new ConcurrentHashMap<>();
  private final Map<Origin, CompletableFuture<?>> connecting = new ConcurrentHashMap<>();
  private final Set<Origin> http11Only = ConcurrentHashMap.newKeySet();

  /**
   * @param spread connections an origin may have while none is full (the event loops' count)
   * @param maxIdleNanos a connection no stream used for longer is closed instead of used
   */
  NettyH2Pool(int spread, long maxIdleNanos) {
    this.spread = spread;
    this.maxIdleNanos = maxIdleNanos;
  }

  /**
   * A connection to {@code origin} with a stream slot taken for the caller, or null when a new
   * connection should be opened first.
   */
  NettyH2Connection lease(Origin origin) {
    List<NettyH2Connection> open = connections.get(origin);
    if (open == null) {
      return null;
    }
    long now = System.nanoTime();
    for (int attempt = 0; attempt < 3; attempt++) {
      NettyH2Connection best = null;
      int usable = 0;
      for (NettyH2Connection connection : open) {
        if (!connection.usable()) {
          continue;
        }
        if (connection.idleLongerThan(maxIdleNanos, now)) {
          connection.channel().close(); // servers drop idle connections; do not race them
          continue;
        }
        usable++;
        if (best == null || connection.openStreams() < best.openStreams()) {
          best = connection;
        }
      }
      if (best == null || (best.openStreams() > 0 && usable < spread)) {
        return null;
      }
      if (best.tryLease()) {
        return best;
      }
    }
    return null;
  }

  /** Adds a ready connection; it leaves the pool when it closes. */
  void add(Origin origin, NettyH2Connection connection) {
    List<NettyH2Connection> open =
        connections.computeIfAbsent(origin, o -> new CopyOnWriteArrayList<>());
    open.add(connection);
    connection.channel().closeFuture().addListener(closed -> open.remove(connection));
  }

  /**
   * The connection being opened to {@code origin}, shared by everyone who asks while it is; or a
   * new one from {@code connect}. Waiters look for a stream again when it completes.
   */
  CompletableFuture<?> connectOnce(Origin origin, Supplier<CompletableFuture<?>> connect) {
    CompletableFuture<?>[] started = new CompletableFuture<?>[1];
    CompletableFuture<?> pending =
        connecting.computeIfAbsent(origin, o -> started[0] = new CompletableFuture<>());
    if (started[0] != null) {
      connect
          .get()
          .whenComplete(
              (connected, failure) -> {
                connecting.remove(origin, started[0]);
                if (failure != null) {
                  started[0].completeExceptionally(failure);
                } else {
                  started[0].complete(null);
                }
              });
    }
    return pending;
  }

  /** The origin answered TLS's protocol negotiation with HTTP/1.1 (or nothing). */
  void markHttp11Only(Origin origin) {
    http11Only.add(origin);
  }

  boolean http11Only(Origin origin) {
    return http11Only.contains(origin);
  }

  /** Connections open to {@code origin}, for tests. */
  int connections(Origin origin) {
    List<NettyH2Connection> open = connections.get(origin);
    return open == null ? 0 : (int) open.stream().filter(NettyH2Connection::usable).count();
  }
}
