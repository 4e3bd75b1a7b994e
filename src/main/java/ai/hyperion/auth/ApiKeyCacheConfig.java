package ai.hyperion.auth;

import ai.hyperion.cluster.HazelcastConfigContributor;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.NearCacheConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The API-key map: near-cached as objects on every member (local entries included), so a warm
 * verification deserialises nothing; bounded, with idle records falling back to the database; a
 * split brain heals with revocations winning ({@link RevocationWinsMergePolicy}).
 */
@ApplicationScoped
public class ApiKeyCacheConfig implements HazelcastConfigContributor {

  public static final String MAP_NAME = "hyperion.api-keys";
  static final int MAX_ENTRIES_PER_MEMBER = 200_000;
  static final int MAX_IDLE_SECONDS = 3600;

  @Override
  public void contribute(Config config) {
    apply(config);
  }

  /** Also used by tests that run members without CDI. */
  public static Config apply(Config config) {
    NearCacheConfig nearCache =
        new NearCacheConfig(MAP_NAME)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setInvalidateOnChange(true)
            .setCacheLocalEntries(true)
            .setMaxIdleSeconds(MAX_IDLE_SECONDS)
            .setEvictionConfig(
                new EvictionConfig()
                    .setEvictionPolicy(EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
                    .setSize(MAX_ENTRIES_PER_MEMBER));
    MapConfig map =
        new MapConfig(MAP_NAME)
            .setBackupCount(1)
            .setMergePolicyConfig(
                new MergePolicyConfig(RevocationWinsMergePolicy.class.getName(), 100))
            .setMaxIdleSeconds(MAX_IDLE_SECONDS)
            .setNearCacheConfig(nearCache);
    map.getEvictionConfig()
        .setEvictionPolicy(EvictionPolicy.LRU)
        .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
        .setSize(MAX_ENTRIES_PER_MEMBER);
    config.addMapConfig(map);
    config
        .getSerializationConfig()
        .getCompactSerializationConfig()
        .addSerializer(new KeyRecordSerializer());
    return config;
  }
}
