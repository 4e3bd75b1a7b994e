package ai.hyperion.cache;

import com.hazelcast.core.EntryView;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hits, misses and savings per organisation and tier. Counted in this member's memory on the
 * request path (a few adders), added to the cluster-wide totals by {@link #flush()}, which the
 * cache runs every few seconds: the totals a member reports include its own unflushed counts and
 * other members' counts up to their last flush.
 */
final class CacheStats {

  /** Unflushed counts of one organisation; adders, so request threads never contend. */
  private static final class Pending {
    final LongAdder exactHits = new LongAdder();
    final LongAdder exactMisses = new LongAdder();
    final LongAdder semanticHits = new LongAdder();
    final LongAdder semanticMisses = new LongAdder();
    final LongAdder bypasses = new LongAdder();
    final LongAdder exactSaved = new LongAdder();
    final LongAdder semanticSaved = new LongAdder();

    CacheCounters drain() {
      return new CacheCounters(
          exactHits.sumThenReset(),
          exactMisses.sumThenReset(),
          semanticHits.sumThenReset(),
          semanticMisses.sumThenReset(),
          bypasses.sumThenReset(),
          exactSaved.sumThenReset(),
          semanticSaved.sumThenReset());
    }

    CacheCounters peek() {
      return new CacheCounters(
          exactHits.sum(),
          exactMisses.sum(),
          semanticHits.sum(),
          semanticMisses.sum(),
          bypasses.sum(),
          exactSaved.sum(),
          semanticSaved.sum());
    }
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final IMap<String, CacheCounters> totals;

  CacheStats(HazelcastInstance hazelcast) {
    this.totals = hazelcast.getMap(CacheMaps.STATS);
  }

  private Pending of(String orgId) {
    return pending.computeIfAbsent(orgId, id -> new Pending());
  }

  void hit(String orgId, CacheTier tier, long savedMicroUsd) {
    Pending p = of(orgId);
    (tier == CacheTier.L1 ? p.exactHits : p.semanticHits).increment();
    (tier == CacheTier.L1 ? p.exactSaved : p.semanticSaved).add(savedMicroUsd);
  }

  void miss(String orgId, CacheTier tier) {
    Pending p = of(orgId);
    (tier == CacheTier.L1 ? p.exactMisses : p.semanticMisses).increment();
  }

  void bypass(String orgId) {
    of(orgId).bypasses.increment();
  }

  /** Cluster totals plus this member's unflushed counts. */
  CacheCounters counters(String orgId) {
    CacheCounters total = totals.get(orgId);
    Pending p = pending.get(orgId);
    CacheCounters local = p == null ? CacheCounters.ZERO : p.peek();
    return (total == null ? CacheCounters.ZERO : total).plus(local);
  }

  /** Adds this member's counts to the cluster totals (compare-and-set, so no count is lost). */
  void flush() {
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      CacheCounters delta = e.getValue().drain();
      if (!delta.isZero()) {
        add(e.getKey(), delta);
      }
    }
  }

  void reset(String orgId) {
    pending.remove(orgId);
    totals.delete(orgId);
  }

  private void add(String orgId, CacheCounters delta) {
    while (true) {
      EntryView<String, CacheCounters> view = totals.getEntryView(orgId);
      if (view == null) {
        if (totals.putIfAbsent(orgId, delta) == null) {
          return;
        }
      } else if (totals.replace(orgId, view.getValue(), view.getValue().plus(delta))) {
        return;
      }
    }
  }
}
