package ai.hyperion.provider;

import ai.hyperion.provider.NettyHttpClient.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The HTTP/2 connections of {@link NettyHttpClient}, per origin, and what it learnt about each
 * origin's protocol. A request takes a stream on the least busy connection with room. Requests that
 * find none wait for a connection being opened, as many of them on each as it will carry (the
 * origin's last stream limit), and open another only when those are spoken for: a crowd gets the
 * connections it needs at once, not one per round of waiting. While an origin has fewer connections
 * than there are event loops, a request that took a stream on a busy one also has another opened,
 * without waiting for it (one connection is one loop's work).
 */
final class NettyH2Pool {

  private final int spread;
  private final long maxIdleNanos;
  private final Map<Origin, List<NettyH2Connection>> connections = new ConcurrentHashMap<>();
  private final Map<Origin, List<Opening>> opening = new ConcurrentHashMap<>();
  private final Map<Origin, Integer> streamLimits = new ConcurrentHashMap<>();
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
   * A connection to {@code origin} with a stream slot taken for the caller, or null when none has
   * room.
   */
  NettyH2Connection lease(Origin origin) {
    List<NettyH2Connection> open = connections.get(origin);
    if (open == null) {
      return null;
    }
    long now = System.nanoTime();
    for (int attempt = 0; attempt < 3; attempt++) {
      NettyH2Connection best = null;
      for (NettyH2Connection connection : open) {
        if (!connection.usable()) {
          continue;
        }
        if (connection.idleLongerThan(maxIdleNanos, now)) {
          connection.channel().close(); // servers drop idle connections; do not race them
          continue;
        }
        if (best == null || connection.openStreams() < best.openStreams()) {
          best = connection;
        }
      }
      if (best == null) {
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
    streamLimits.put(origin, Math.max(1, connection.streamLimit()));
    connection.channel().closeFuture().addListener(closed -> open.remove(connection));
  }

  /**
   * Waits for a connection to {@code origin}: one being opened that is not yet spoken for by as
   * many waiters as it will carry, or a new one from {@code connect}. Waiters look for a stream
   * again when it completes.
   */
  CompletableFuture<?> awaitConnection(Origin origin, Supplier<CompletableFuture<?>> connect) {
    List<Opening> openings = opening.computeIfAbsent(origin, o -> new ArrayList<>());
    Opening joined = null;
    boolean isNew = false;
    synchronized (openings) {
      for (Opening candidate : openings) {
        if (candidate.waiters < candidate.capacity) {
          joined = candidate;
          break;
        }
      }
      if (joined == null) {
        joined = register(origin, openings);
        isNew = true;
      }
      joined.waiters++;
    }
    if (isNew) {
      connect(openings, joined, connect);
    }
    return joined.done;
  }

  /**
   * Has another connection to {@code origin} opened, nobody waiting for it, when the caller's
   * stream is not alone on {@code leased} and the origin has fewer connections than loops and none
   * being opened.
   */
  void spreadIfBelowLoops(
      Origin origin, NettyH2Connection leased, Supplier<CompletableFuture<?>> connect) {
    List<NettyH2Connection> open = connections.get(origin);
    if (leased.openStreams() <= 1 || open == null || open.size() >= spread) {
      return;
    }
    List<Opening> openings = opening.computeIfAbsent(origin, o -> new ArrayList<>());
    Opening spare = null;
    synchronized (openings) {
      if (openings.isEmpty()) {
        spare = register(origin, openings);
      }
    }
    if (spare != null) {
      connect(openings, spare, connect);
    }
  }

  /** A connection about to be opened, counted among {@code openings}; under their lock. */
  private Opening register(Origin origin, List<Opening> openings) {
    Opening registered =
        new Opening(streamLimits.getOrDefault(origin, NettyH2Connection.MAX_STREAMS));
    openings.add(registered);
    return registered;
  }

  /** Opens {@code registered}'s connection (outside the lock: a first TLS set-up takes time). */
  private static void connect(
      List<Opening> openings, Opening registered, Supplier<CompletableFuture<?>> connect) {
    CompletableFuture<?> connecting;
    try {
      connecting = connect.get();
    } catch (RuntimeException refused) { // e.g. the event loops shut down: fail, never strand
      connecting = CompletableFuture.failedFuture(refused);
    }
    connecting.whenComplete(
        (connected, failure) -> {
          synchronized (openings) {
            openings.remove(registered);
          }
          if (failure != null) {
            registered.done.completeExceptionally(failure);
          } else {
            registered.done.complete(null);
          }
        });
  }

  /** A connection being opened, and how many waiting requests count on it (under the list). */
  private static final class Opening {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final int capacity;
    int waiters;

    Opening(int capacity) {
      this.capacity = capacity;
    }
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
