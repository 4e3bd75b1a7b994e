package ai.hyperion.cache;

/** Defaults of the cache settings an organisation has not changed. */
public final class CacheDefaults {

  /**
   * Cosine similarity at or above which a semantic candidate is checked by {@link PostMatchCheck};
   * chosen on the calibration half of {@code semantic-pairs.tsv} (see README).
   */
  public static final double SIMILARITY_THRESHOLD = 0.85;

  public static final int TTL_SECONDS = 3600;
  public static final int MAX_ENTRIES = 10_000;

  private CacheDefaults() {}
}
