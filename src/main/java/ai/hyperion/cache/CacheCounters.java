package ai.hyperion.cache;

/**
 * Lookup counts and savings of one organisation, per tier (cluster-wide totals in the statistics
 * map; each member adds its own deltas).
 */
public record CacheCounters(
    long exactHits,
    long exactMisses,
    long semanticHits,
    long semanticMisses,
    long bypasses,
    long exactSavedMicroUsd,
    long semanticSavedMicroUsd) {

  public static final CacheCounters ZERO = new CacheCounters(0, 0, 0, 0, 0, 0, 0);

  public CacheCounters plus(CacheCounters o) {
    return new CacheCounters(
        exactHits + o.exactHits,
        exactMisses + o.exactMisses,
        semanticHits + o.semanticHits,
        semanticMisses + o.semanticMisses,
        bypasses + o.bypasses,
        exactSavedMicroUsd + o.exactSavedMicroUsd,
        semanticSavedMicroUsd + o.semanticSavedMicroUsd);
  }

  public boolean isZero() {
    return equals(ZERO);
  }
}
