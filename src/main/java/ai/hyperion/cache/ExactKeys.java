package ai.hyperion.cache;

import com.hazelcast.core.EntryAdapter;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryMergedListener;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exact tier's keys as this member last heard of them, cluster-wide: a lookup of a key never
 * heard of is a miss answered on the calling thread, without the read on a partition thread and the
 * two hand-offs around it (every new prompt). A key heard of is only "maybe there": the map is read
 * as before. Fed by a key-only entry listener on the answers map and by this member's own writes,
 * so a write here is seen by the next lookup here at once, and a write on another member once its
 * event arrives (until then a lookup there misses, as it would a moment earlier).
 *
 * <p>Keys are held as 64-bit hashes with the latest time their entry can still be served: a hash
 * collision or a removal not heard of only costs a read, and a key past that time is dropped by
 * {@link #sweep} even if its removal event was lost. A removal heard after a newer write of the
 * same key (a trim's event arriving late) costs one miss, whose write-back learns the key again.
 */
final class ExactKeys implements AutoCloseable {

  /** Key hash to the last millisecond its entry may be served (concurrent: request and events). */
  private final Map<Long, Long> servableUntil = new ConcurrentHashMap<>();

  private final Clock clock;

  /** How long a key learned from an event may live: its entry's TTL is not in the event. */
  private final long learnedLifetimeMillis;

  private IMap<String, CachedAnswer> map;
  private UUID listener;

  ExactKeys(Clock clock, int maxTtlSeconds) {
    this.clock = clock;
    this.learnedLifetimeMillis = maxTtlSeconds * 1000L;
  }

  /** Follows {@code map}'s changes from now on, then learns the keys it already holds. */
  void follow(IMap<String, CachedAnswer> map) {
    this.map = map;
    listener = map.addEntryListener(new Follower(), false);
    long until = clock.millis() + learnedLifetimeMillis;
    for (String key : map.keySet()) {
      learn(key, until);
    }
  }

  /** False only when no entry of {@code key} can be served at {@code now}. */
  boolean mayHold(String key, long now) {
    Long until = servableUntil.get(hash(key));
    return until != null && until > now;
  }

  void learn(String key, long untilMillis) {
    servableUntil.merge(hash(key), untilMillis, Math::max);
  }

  /** Drops keys whose entries can no longer be served; returns how many. */
  int sweep(long now) {
    int before = servableUntil.size();
    servableUntil.values().removeIf(until -> until <= now);
    return before - servableUntil.size();
  }

  int size() {
    return servableUntil.size();
  }

  private void learnFromEvent(String key) {
    learn(key, clock.millis() + learnedLifetimeMillis);
  }

  private void forget(String key) {
    servableUntil.remove(hash(key));
  }

  /** FNV-1a over the key's characters: 64 bits, so two live keys practically never share one. */
  static long hash(String key) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
    }
    return hash;
  }

  @Override
  public void close() {
    if (map != null && listener != null) {
      map.removeEntryListener(listener);
    }
    servableUntil.clear();
  }

  /**
   * Hazelcast calls these on its event threads, keys only. {@link EntryAdapter} routes every entry
   * event to {@link #onEntryEvent} and both map-wide ones to {@link #onMapEvent}; a merge after a
   * split brain is an entry event too.
   */
  private final class Follower extends EntryAdapter<String, CachedAnswer>
      implements EntryMergedListener<String, CachedAnswer> {

    @Override
    public void entryMerged(EntryEvent<String, CachedAnswer> event) {
      onEntryEvent(event);
    }

    @Override
    public void onEntryEvent(EntryEvent<String, CachedAnswer> event) {
      switch (event.getEventType()) {
        case ADDED, UPDATED, MERGED -> learnFromEvent(event.getKey());
        default -> forget(event.getKey()); // removed, evicted, expired
      }
    }

    @Override
    public void onMapEvent(MapEvent event) {
      servableUntil.clear(); // cleared or evicted: nothing left to serve
    }
  }
}
