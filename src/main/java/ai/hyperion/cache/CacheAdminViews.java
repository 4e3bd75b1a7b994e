package ai.hyperion.cache;

import java.time.Instant;

/** What the cache admin API reads and answers. */
public final class CacheAdminViews {

  private CacheAdminViews() {}

  /** A settings change: only the fields sent change. */
  public record SettingsRequest(
      Boolean exactEnabled,
      Boolean semanticEnabled,
      String scope,
      Integer ttlSeconds,
      Double similarityThreshold,
      Integer maxEntries,
      Boolean cacheToolCalls) {}

  public record SettingsView(
      String orgId,
      boolean exactEnabled,
      boolean semanticEnabled,
      String scope,
      int ttlSeconds,
      double similarityThreshold,
      int maxEntries,
      boolean cacheToolCalls,
      String updatedAt) {

    static SettingsView of(String orgId, CachePolicy p, Instant updatedAt) {
      return new SettingsView(
          orgId,
          p.exactEnabled(),
          p.semanticEnabled(),
          p.scope().name(),
          p.ttlSeconds(),
          p.similarityThreshold(),
          p.maxEntries(),
          p.cacheToolCalls(),
          updatedAt == null ? null : updatedAt.toString());
    }
  }

  /** Which entries a purge removes: all of the organisation's, narrowed by model and age. */
  public record PurgeRequest(String model, Long olderThanSeconds) {}

  public record PurgeResult(String orgId, long removed) {}

  /** One tier's figures; {@code hitRatio} is null before the first lookup. */
  public record TierStats(
      long hits, long misses, Double hitRatio, long entries, long bytes, double savedCostUsd) {

    static TierStats of(long hits, long misses, long entries, long bytes, long savedMicroUsd) {
      long lookups = hits + misses;
      return new TierStats(
          hits,
          misses,
          lookups == 0 ? null : (double) hits / lookups,
          entries,
          bytes,
          savedMicroUsd / 1_000_000.0);
    }
  }

  /**
   * @param embeddingModel the semantic tier's model on this instance
   * @param embeddingModelLoadMillis how long it took to load, null until it is loaded
   */
  public record StatsView(
      String orgId,
      TierStats l1,
      TierStats l2,
      long bypasses,
      double savedCostUsd,
      String embeddingModel,
      Long embeddingModelLoadMillis) {}
}
