package ai.hyperion.cache;

import com.hazelcast.cluster.Cluster;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The exact tier's keys as this member last heard of them, cluster-wide: a lookup of a key never
 * heard of is a miss answered on the calling thread, without the read on a partition thread and the
 * two hand-offs around it (every new prompt). A key heard of is only "maybe there": the map is read
 * as before. Fed by this member's own writes, so a write here is seen by the next lookup here at
 * once, and by key-only entry listeners on the answers map: one for entries leaving it, always, and
 * one for entries arriving, only while the cluster has other members, whose writes it brings (until
 * their event arrives a lookup here misses, as it would a moment earlier). A member alone (the
 * embedded default) learns its writes as it makes them: an event back for each would cost a
 * hand-off to an event thread per write-back.
 *
 * <p>Keys are held as 64-bit hashes with the latest time their entry can still be served: a hash
 * collision or a removal not heard of only costs a read, and a key past that time is dropped by
 * {@link #sweep} even if its removal event was lost. An expiry forgets a key only once its time has
 * passed: the write-back that follows an expired entry's miss overwrites it, and Hazelcast's expiry
 * event for the old entry can arrive after that write was learned (the next request would miss, and
 * pay the upstream, again). A key learned from another member's event, whose TTL the event does not
 * carry, stays "maybe there" after its expiry until its time passes: a read, no more. A removal
 * heard after a newer write of the same key (a trim's event arriving late) costs one miss, whose
 * write-back learns the key again.
 */
final class ExactKeys implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ExactKeys.class.getName());

  /** Key hash to the last millisecond its entry may be served (concurrent: request and events). */
  private final Map<Long, Long> servableUntil = new ConcurrentHashMap<>();

  private final Clock clock;

  /** How long a key learned from an event may live: its entry's TTL is not in the event. */
  private final long learnedLifetimeMillis;

  private IMap<String, CachedAnswer> map;
  private Cluster cluster;
  private Executor followers;
  private UUID departures;
  private UUID membership;

  /** The arrivals listener while the cluster has other members; guarded by {@code this}. */
  private UUID arrivals;

  private boolean closed;

  ExactKeys(Clock clock, int maxTtlSeconds) {
    this.clock = clock;
    this.learnedLifetimeMillis = maxTtlSeconds * 1000L;
  }

  /**
   * Follows {@code map}'s changes from now on, then learns the keys it already holds; starts and
   * stops following other members' writes on {@code followers} as {@code cluster} grows and shrinks
   * (listeners are not registered on Hazelcast's event threads, which must not wait).
   */
  void follow(IMap<String, CachedAnswer> map, Cluster cluster, Executor followers) {
    this.map = map;
    this.cluster = cluster;
    this.followers = followers;
    departures = map.addEntryListener(new Departures(), false);
    membership = cluster.addMembershipListener(new Peers());
    followArrivals(cluster.getMembers().size() > 1);
    learnAll();
  }

  /** Whether other members' writes are followed now (the cluster has more than this member). */
  synchronized boolean followsArrivals() {
    return arrivals != null;
  }

  /** Starts or stops following arrivals; true when it started. */
  private synchronized boolean followArrivals(boolean others) {
    if (closed || others == (arrivals != null)) {
      return false;
    }
    if (others) {
      arrivals = map.addEntryListener(new Arrivals(), false);
      return true;
    }
    map.removeEntryListener(arrivals);
    arrivals = null;
    return false;
  }

  private void learnAll() {
    long until = clock.millis() + learnedLifetimeMillis;
    for (String key : map.keySet()) {
      learn(key, until);
    }
  }

  private void membersChanged() {
    try {
      followers.execute(this::followMembers);
    } catch (RejectedExecutionException closing) {
      // The cache is shutting down.
    }
  }

  private void followMembers() {
    try {
      if (followArrivals(cluster.getMembers().size() > 1)) {
        learnAll(); // what the newcomers wrote before the listener was there
      }
    } catch (RuntimeException e) {
      // Not following others' writes only costs misses; the next change tries again.
      LOG.log(Level.WARNING, "Could not follow the cache's other members", e);
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

  private void forgetExpired(String key) {
    long now = clock.millis();
    servableUntil.computeIfPresent(hash(key), (hash, until) -> until <= now ? null : until);
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
  public synchronized void close() {
    closed = true;
    if (map != null) {
      cluster.removeMembershipListener(membership);
      map.removeEntryListener(departures);
      if (arrivals != null) {
        map.removeEntryListener(arrivals);
        arrivals = null;
      }
    }
    servableUntil.clear();
  }

  /** Entries leaving the map, wherever they were written; Hazelcast calls these, keys only. */
  private final class Departures
      implements EntryRemovedListener<String, CachedAnswer>,
          EntryEvictedListener<String, CachedAnswer>,
          EntryExpiredListener<String, CachedAnswer>,
          MapClearedListener,
          MapEvictedListener {

    @Override
    public void entryRemoved(EntryEvent<String, CachedAnswer> event) {
      forget(event.getKey());
    }

    @Override
    public void entryEvicted(EntryEvent<String, CachedAnswer> event) {
      forget(event.getKey());
    }

    @Override
    public void entryExpired(EntryEvent<String, CachedAnswer> event) {
      forgetExpired(event.getKey());
    }

    @Override
    public void mapCleared(MapEvent event) {
      servableUntil.clear(); // nothing left to serve
    }

    @Override
    public void mapEvicted(MapEvent event) {
      servableUntil.clear();
    }
  }

  /**
   * Entries written anywhere (this member's own writes too, which it already learned), and merged
   * after a split brain; registered only while other members exist. Only the event types a listener
   * implements are sent to it, so a member alone publishes no event to this member for its writes.
   */
  private final class Arrivals
      implements EntryAddedListener<String, CachedAnswer>,
          EntryUpdatedListener<String, CachedAnswer>,
          EntryMergedListener<String, CachedAnswer> {

    @Override
    public void entryAdded(EntryEvent<String, CachedAnswer> event) {
      learnFromEvent(event.getKey());
    }

    @Override
    public void entryUpdated(EntryEvent<String, CachedAnswer> event) {
      learnFromEvent(event.getKey());
    }

    @Override
    public void entryMerged(EntryEvent<String, CachedAnswer> event) {
      learnFromEvent(event.getKey());
    }
  }

  /** Membership changes arrive on an event thread: the listeners change on {@code followers}. */
  private final class Peers implements MembershipListener {

    @Override
    public void memberAdded(MembershipEvent event) {
      membersChanged();
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      membersChanged();
    }
  }
}
