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
import java.util.Comparator;
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

  /** Trims an organisation to {@code maxEntries}, oldest first, at most every few seconds. */
  void enforceLimit(String orgId, int maxEntries) {
    long now = clock.millis();
    Long last = lastQuotaCheck.get(orgId);
    if (last != null && now - last < QUOTA_CHECK_MILLIS) {
      return;
    }
    lastQuotaCheck.put(orgId, now);
    trim(orgId, maxEntries);
  }

  /** Removes the oldest entries beyond {@code maxEntries}; returns how many. */
  int trim(String orgId, int maxEntries) {
    long count = exactEntries(orgId);
    if (count <= maxEntries) {
      return 0;
    }
    Collection<Object[]> rows =
        answers.project(
            Projections.multiAttribute("__key", "createdAt"), Predicates.equal("orgId", orgId));
    List<Object[]> oldestFirst = new ArrayList<>(rows);
    oldestFirst.sort(Comparator.comparingLong(row -> (Long) row[1]));
    int excess = oldestFirst.size() - maxEntries;
    for (int i = 0; i < excess; i++) {
      String key = (String) oldestFirst.get(i)[0];
      answers.delete(key);
      semantic.delete(key);
    }
    return Math.max(excess, 0);
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
