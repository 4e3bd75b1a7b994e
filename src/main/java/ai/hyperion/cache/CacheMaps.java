package ai.hyperion.cache;

import ai.hyperion.cluster.HazelcastConfigContributor;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cache's Hazelcast maps. The exact tier is near-cached as objects on every member (local
 * entries too), so a warm hit is a local hash-map read; it is bounded per member with LRU eviction
 * and every entry carries its own TTL. Semantic entries are not near-cached: every member keeps
 * them in its own vector index, fed by an entry listener. Settings are near-cached like API keys;
 * statistics are small counters per organisation.
 */
@ApplicationScoped
public class CacheMaps implements HazelcastConfigContributor {

  public static final String ANSWERS = "hyperion.cache.answers";
  public static final String SEMANTIC = "hyperion.cache.semantic";
  public static final String SETTINGS = "hyperion.cache.settings";
  public static final String STATS = "hyperion.cache.stats";

  @Override
  public void contribute(Config config) {
    apply(config, CacheOptions.from(ConfigProvider.getConfig()));
  }

  /** Also used by tests that run members without CDI. */
  public static Config apply(Config config, CacheOptions options) {
    NearCacheConfig nearAnswers =
        new NearCacheConfig(ANSWERS)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setInvalidateOnChange(true)
            .setCacheLocalEntries(true)
            .setEvictionConfig(
                new EvictionConfig()
                    .setEvictionPolicy(EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                    .setSize(options.nearCacheEntries()));
    MapConfig answers =
        new MapConfig(ANSWERS)
            .setBackupCount(1)
            .setNearCacheConfig(nearAnswers)
            // Only the organisation is indexed: every put pays for each index (a third of the
            // partition thread's time per write-back with a second, sorted one on createdAt),
            // and the queries by age (trim, purge) are per organisation and rare.
            .addIndexConfig(new IndexConfig(IndexType.HASH, "orgId"));
    answers
        .getEvictionConfig()
        .setEvictionPolicy(EvictionPolicy.LRU)
        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
        .setSize(options.maxEntriesPerMember());
    MapConfig semantic =
        new MapConfig(SEMANTIC)
            .setBackupCount(1)
            .addIndexConfig(new IndexConfig(IndexType.HASH, "orgId"));
    semantic
        .getEvictionConfig()
        .setEvictionPolicy(EvictionPolicy.LRU)
        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
        .setSize(options.maxEntriesPerMember());
    MapConfig settings =
        new MapConfig(SETTINGS)
            .setBackupCount(1)
            .setNearCacheConfig(
                new NearCacheConfig(SETTINGS)
                    .setInMemoryFormat(InMemoryFormat.OBJECT)
                    .setInvalidateOnChange(true)
                    .setCacheLocalEntries(true));
    config.addMapConfig(answers);
    config.addMapConfig(semantic);
    config.addMapConfig(settings);
    config.addMapConfig(new MapConfig(STATS).setBackupCount(1));
    config
        .getSerializationConfig()
        .getCompactSerializationConfig()
        .addSerializer(new CachedAnswerSerializer())
        .addSerializer(new SemanticEntrySerializer())
        .addSerializer(new CachePolicySerializer())
        .addSerializer(new CacheCountersSerializer());
    return config;
  }
}
