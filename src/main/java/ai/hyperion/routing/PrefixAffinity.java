package ai.hyperion.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which deployment and key each stable prefix ({@link PrefixFingerprint}) was last sent to, for
 * {@code ttl} after its last use (provider prompt caches live minutes), at most {@code maxEntries}
 * (least recently used go first). Per instance: affinity is an optimisation, and a prefix bound on
 * two instances costs one extra cache write upstream. Guarded by its own monitor.
 */
public final class PrefixAffinity {

  /** Where a prefix goes. */
  public record Binding(String deploymentId, int keyIndex) {}

  /** Hits, misses and bindings moved because their target was unavailable. */
  public record Stats(long hits, long misses, long moved, int entries) {}

  private record Entry(Binding binding, Instant expires) {}

  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Entry> table;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong moved = new AtomicLong();

  public PrefixAffinity(Duration ttl, int maxEntries, Clock clock) {
    this.ttl = ttl;
    this.clock = clock;
    this.table =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > maxEntries;
          }
        };
  }

  /** The live binding of a prefix, if any. */
  public Optional<Binding> lookup(String fingerprint) {
    if (fingerprint == null) {
      return Optional.empty();
    }
    synchronized (table) {
      Entry entry = table.get(fingerprint);
      if (entry == null || entry.expires().isBefore(clock.instant())) {
        return Optional.empty();
      }
      return Optional.of(entry.binding());
    }
  }

  /**
   * Records where a prefix went and whether that honoured its binding (a hit), created one (a miss)
   * or replaced it because the bound target was unavailable (moved).
   */
  public void bind(String fingerprint, Binding binding) {
    if (fingerprint == null) {
      return;
    }
    Instant now = clock.instant();
    synchronized (table) {
      Entry previous = table.put(fingerprint, new Entry(binding, now.plus(ttl)));
      if (previous == null || previous.expires().isBefore(now)) {
        misses.incrementAndGet();
      } else if (previous.binding().equals(binding)) {
        hits.incrementAndGet();
      } else {
        moved.incrementAndGet();
      }
    }
  }

  public Stats stats() {
    synchronized (table) {
      return new Stats(hits.get(), misses.get(), moved.get(), table.size());
    }
  }
}
