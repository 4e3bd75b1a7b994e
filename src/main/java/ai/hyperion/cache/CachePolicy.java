package ai.hyperion.cache;

/**
 * An organisation's cache settings as the request path reads them (immutable; near-cached on every
 * instance by {@link CachePolicies}).
 *
 * @param exactEnabled the exact tier (L1) is read and written
 * @param semanticEnabled the semantic tier (L2) is used unless the request says otherwise
 * @param scope who shares entries
 * @param ttlSeconds lifetime of a new entry unless the request asks for another
 * @param similarityThreshold cosine similarity a semantic candidate needs
 * @param maxEntries entries the organisation may hold (oldest removed beyond it)
 * @param cacheToolCalls whether answers that call tools may be cached
 */
public record CachePolicy(
    boolean exactEnabled,
    boolean semanticEnabled,
    CacheScope scope,
    int ttlSeconds,
    double similarityThreshold,
    int maxEntries,
    boolean cacheToolCalls) {

  public static final CachePolicy DEFAULT =
      new CachePolicy(
          true,
          false,
          CacheScope.ORG,
          CacheDefaults.TTL_SECONDS,
          CacheDefaults.SIMILARITY_THRESHOLD,
          CacheDefaults.MAX_ENTRIES,
          false);
}
