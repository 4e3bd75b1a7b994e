package ai.hyperion.dedicated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serving targets of endpoints known to be up, for a short time, so that steady traffic does not
 * read the database on every request. Invalidated at once by this instance's transitions; another
 * instance's (an endpoint put to sleep elsewhere) are seen when the entry expires.
 */
public final class RouteCache {

  private record Entry(ServingTarget target, Instant expires) {}

  private final Clock clock;
  private final Duration ttl;

  /** Up targets by endpoint id. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public RouteCache(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  public Optional<ServingTarget> get(String endpointId) {
    Entry entry = entries.get(endpointId);
    if (entry == null) {
      return Optional.empty();
    }
    if (clock.instant().isAfter(entry.expires())) {
      entries.remove(endpointId, entry);
      return Optional.empty();
    }
    return Optional.of(entry.target());
  }

  public void put(DedicatedEndpoint endpoint, ServingTarget target) {
    if (!ttl.isZero()) {
      entries.put(endpoint.id(), new Entry(target, clock.instant().plus(ttl)));
    }
  }

  public void invalidate(String endpointId) {
    entries.remove(endpointId);
  }
}
