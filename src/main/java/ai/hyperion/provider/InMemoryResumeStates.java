package ai.hyperion.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ResumeStates} in one JVM, with the TTL and a size bound (the oldest entries go first when
 * it is reached): for tests and for adapters created without a cluster.
 */
public final class InMemoryResumeStates implements ResumeStates {

  private record Entry(ResumeState state, Instant expires) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;
  private final int maxEntries;

  public InMemoryResumeStates() {
    this(Clock.systemUTC(), TTL, 100_000);
  }

  public InMemoryResumeStates(Clock clock, Duration ttl, int maxEntries) {
    this.clock = clock;
    this.ttl = ttl;
    this.maxEntries = maxEntries;
  }

  @Override
  public void put(String scope, String callId, ResumeState state) {
    Instant now = clock.instant();
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !e.expires().isAfter(now));
      if (entries.size() >= maxEntries) {
        entries.entrySet().stream()
            .min(Map.Entry.comparingByValue((a, b) -> a.expires().compareTo(b.expires())))
            .ifPresent(oldest -> entries.remove(oldest.getKey()));
      }
    }
    entries.put(key(scope, callId), new Entry(state, now.plus(ttl)));
  }

  @Override
  public Optional<ResumeState> get(String scope, String callId) {
    String key = key(scope, callId);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (!entry.expires().isAfter(clock.instant())) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.state());
  }

  /** The map key of a tool call in a scope; shared with the cluster's store. */
  public static String key(String scope, String callId) {
    return (scope == null ? "" : scope) + '\u0000' + callId;
  }
}
