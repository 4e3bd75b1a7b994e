package ai.hyperion.cache;

import org.eclipse.microprofile.config.Config;

/**
 * Deployment settings of the response cache ({@code hyperion.cache.*}; organisations' own settings
 * live in the database).
 *
 * @param maxEntriesPerMember exact-tier entries a member holds before LRU eviction
 * @param nearCacheEntries answers each member keeps deserialised next to the request path
 * @param maxTtlSeconds the longest lifetime an organisation or a request may ask for
 * @param embedderThreads threads that run the in-process embedding model
 * @param embedderQueue embeddings that may wait; beyond it a semantic lookup is skipped
 * @param warmUpEmbedder load the embedding model at start rather than on first use
 * @param exactByDefault whether the exact tier is on for an organisation that never changed its
 *     settings ({@code hyperion.cache.default.exact-enabled}, true; an operator who wants the cache
 *     opt-in sets it to false)
 */
public record CacheOptions(
    int maxEntriesPerMember,
    int nearCacheEntries,
    int maxTtlSeconds,
    int embedderThreads,
    int embedderQueue,
    boolean warmUpEmbedder,
    boolean exactByDefault) {

  public static final String PREFIX = "hyperion.cache.";

  public static CacheOptions defaults() {
    return new CacheOptions(200_000, 20_000, 7 * 24 * 3600, 1, 64, false, true);
  }

  public static CacheOptions from(Config config) {
    CacheOptions d = defaults();
    return new CacheOptions(
        config
            .getOptionalValue(PREFIX + "max-entries-per-member", Integer.class)
            .orElse(d.maxEntriesPerMember()),
        config
            .getOptionalValue(PREFIX + "near-cache-entries", Integer.class)
            .orElse(d.nearCacheEntries()),
        config
            .getOptionalValue(PREFIX + "max-ttl-seconds", Integer.class)
            .orElse(d.maxTtlSeconds()),
        config
            .getOptionalValue(PREFIX + "embedder.threads", Integer.class)
            .orElse(d.embedderThreads()),
        config.getOptionalValue(PREFIX + "embedder.queue", Integer.class).orElse(d.embedderQueue()),
        config
            .getOptionalValue(PREFIX + "embedder.warm-up", Boolean.class)
            .orElse(d.warmUpEmbedder()),
        config
            .getOptionalValue(PREFIX + "default.exact-enabled", Boolean.class)
            .orElse(d.exactByDefault()));
  }

  /** The settings of an organisation that has none of its own. */
  public CachePolicy defaultPolicy() {
    CachePolicy d = CachePolicy.DEFAULT;
    return exactByDefault
        ? d
        : new CachePolicy(
            false,
            d.semanticEnabled(),
            d.scope(),
            d.ttlSeconds(),
            d.similarityThreshold(),
            d.maxEntries(),
            d.cacheToolCalls());
  }
}
