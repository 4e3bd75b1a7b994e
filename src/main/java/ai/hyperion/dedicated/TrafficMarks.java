package ai.hyperion.dedicated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * When each endpoint last had traffic, for the idle timer. Every request marks memory; the database
 * (which other instances' monitors read) is written at most once per {@code writeEvery} per
 * endpoint, off the request thread.
 */
public final class TrafficMarks {

  private final EndpointStore store;
  private final Executor executor;
  private final Clock clock;
  private final Duration writeEvery;

  /** Last request seen on this instance, by endpoint id. */
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  /** Last mark written to the database, by endpoint id. */
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  public TrafficMarks(EndpointStore store, Executor executor, Clock clock, Duration writeEvery) {
    this.store = store;
    this.executor = executor;
    this.clock = clock;
    this.writeEvery = writeEvery;
  }

  /** Often enough for idle times of minutes, rarely enough to stay off the database. */
  public static Duration writeInterval(DedicatedSettings settings) {
    return settings.monitorInterval().compareTo(Duration.ofSeconds(10)) < 0
        ? settings.monitorInterval()
        : Duration.ofSeconds(10);
  }

  public void mark(String endpointId) {
    Instant now = clock.instant();
    seen.put(endpointId, now);
    Instant last = written.get(endpointId);
    if (last == null || Duration.between(last, now).compareTo(writeEvery) >= 0) {
      written.put(endpointId, now);
      executor.execute(() -> store.markTraffic(endpointId, now));
    }
  }

  /** The latest of the stored mark and what this instance saw. */
  public Instant lastTraffic(DedicatedEndpoint endpoint) {
    Instant latest = endpoint.statusChangedAt();
    if (endpoint.lastRequestAt() != null && endpoint.lastRequestAt().isAfter(latest)) {
      latest = endpoint.lastRequestAt();
    }
    Instant local = seen.get(endpoint.id());
    return local != null && local.isAfter(latest) ? local : latest;
  }

  public void forget(String endpointId) {
    seen.remove(endpointId);
    written.remove(endpointId);
  }
}
