package ai.hyperion.cache;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an organisation holds in the cache, cluster-wide: entry counts and bytes (queries on the
 * maps' indexed fields), purges by organisation, model and age, and the per-organisation entry
 * limit. Queries run on the members that own the data; call from admin requests and the maintenance
 * thread, never from the request path.
 */
final class CacheInventory {

  /** How often at most an organisation's entry count is checked after writes. */
  static final long QUOTA_CHECK_MILLIS = 5_000;

  private final IMap<String, CachedAnswer> answers;
  private final IMap<String, SemanticEntry> semantic;
  private final Clock clock;

  /** Last quota check per organisation (any thread). */
  private final Map<String, Long> lastQuotaCheck = new ConcurrentHashMap<>();

  /** Organisations found over their limit (and trimmed) at their last check. */
  private final Set<String> trimmedAtLastCheck = ConcurrentHashMap.newKeySet();

  CacheInventory(HazelcastInstance hazelcast, Clock clock) {
    this.answers = hazelcast.getMap(CacheMaps.ANSWERS);
    this.semantic = hazelcast.getMap(CacheMaps.SEMANTIC);
    this.clock = clock;
  }

  long exactEntries(String orgId) {
    return answers.aggregate(Aggregators.count(), Predicates.equal("orgId", orgId));
  }

  long exactBytes(String orgId) {
    Long bytes =
        answers.aggregate(Aggregators.longSum("sizeBytes"), Predicates.equal("orgId", orgId));
    return bytes == null ? 0 : bytes;
  }

  long semanticEntries(String orgId) {
    return semantic.aggregate(Aggregators.count(), Predicates.equal("orgId", orgId));
  }

  /** Semantic entries hold a 384-float vector (1.5 KiB) and the prompt; counted as such. */
  long semanticBytes(String orgId) {
    Collection<Object[]> rows =
        semantic.project(
            Projections.multiAttribute("text", "vector"), Predicates.equal("orgId", orgId));
    long bytes = 0;
    for (Object[] row : rows) {
      bytes += row[0] == null ? 0 : ((String) row[0]).length() * 2L;
      bytes += row[1] == null ? 0 : ((float[]) row[1]).length * 4L;
    }
    return bytes;
  }

  /**
   * Removes an organisation's entries, only those of {@code model} when given, only those older
   * than {@code olderThanSeconds} when given. Returns how many answers were removed.
   */
  long purge(String orgId, String model, Long olderThanSeconds) {
    Predicate<String, Object> filter = filter(orgId, model, olderThanSeconds);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Set<String> keys = answers.keySet((Predicate) filter);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Predicate<String, SemanticEntry> semanticFilter = (Predicate) filter;
    answers.removeAll(castAnswers(filter));
    semantic.removeAll(semanticFilter);
    return keys.size();
  }

  /** Whether {@link #enforceLimit} would check the organisation now (cheap, any thread). */
  boolean limitCheckDue(String orgId) {
    Long last = lastQuotaCheck.get(orgId);
    return last == null || clock.millis() - last >= QUOTA_CHECK_MILLIS;
  }

  /**
   * Trims an organisation over {@code maxEntries}, oldest first, at most every few seconds: down to
   * nine tenths of the limit, so that a busy organisation at its limit is trimmed once in a while
   * rather than by a few entries at every check. An organisation trimmed at its last check is most
   * likely over again: its entries' ages are read at once, which counts them too (two scans of its
   * entries instead of three); any other is counted first.
   */
  void enforceLimit(String orgId, int maxEntries) {
    long now = clock.millis();
    if (!limitCheckDue(orgId)) {
      return;
    }
    lastQuotaCheck.put(orgId, now);
    int keep = Math.max(1, maxEntries - maxEntries / 10);
    if (trimmedAtLastCheck.remove(orgId) || exactEntries(orgId) > maxEntries) {
      long[] oldestFirst = createdOldestFirst(orgId);
      if (oldestFirst.length > maxEntries) {
        trim(orgId, oldestFirst, keep);
        trimmedAtLastCheck.add(orgId);
      }
    }
  }

  /**
   * Removes the oldest entries beyond {@code maxEntries}; returns how many. One removal by
   * predicate per map (entries older than the cut-off), not one delete per entry.
   */
  int trim(String orgId, int maxEntries) {
    if (exactEntries(orgId) <= maxEntries) {
      return 0;
    }
    return trim(orgId, createdOldestFirst(orgId), maxEntries);
  }

  /** The creation times of an organisation's answers, oldest first. */
  private long[] createdOldestFirst(String orgId) {
    Collection<Long> created =
        answers.project(Projections.singleAttribute("createdAt"), Predicates.equal("orgId", orgId));
    return created.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private int trim(String orgId, long[] oldestFirst, int maxEntries) {
    int excess = oldestFirst.length - maxEntries;
    if (excess <= 0) {
      return 0;
    }
    // Everything created before the first entry that stays (entries created in the same
    // millisecond as it stay too).
    long cutOff = oldestFirst[excess];
    int removed = 0;
    while (removed < oldestFirst.length && oldestFirst[removed] < cutOff) {
      removed++;
    }
    Predicate<String, Object> older =
        Predicates.and(Predicates.equal("orgId", orgId), Predicates.lessThan("createdAt", cutOff));
    answers.removeAll(castAnswers(older));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Predicate<String, SemanticEntry> semanticOlder = (Predicate) older;
    semantic.removeAll(semanticOlder);
    return removed;
  }

  private Predicate<String, Object> filter(String orgId, String model, Long olderThanSeconds) {
    List<Predicate<String, Object>> parts = new ArrayList<>();
    parts.add(Predicates.equal("orgId", orgId));
    if (model != null) {
      parts.add(Predicates.equal("model", model));
    }
    if (olderThanSeconds != null) {
      parts.add(Predicates.lessThan("createdAt", clock.millis() - olderThanSeconds * 1000));
    }
    @SuppressWarnings("unchecked")
    Predicate<String, Object>[] array = parts.toArray(Predicate[]::new);
    return Predicates.and(array);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Predicate<String, CachedAnswer> castAnswers(Predicate<String, Object> filter) {
    return (Predicate) filter;
  }
}
