package ai.hyperion.audit.settings;

import ai.hyperion.cluster.HazelcastConfigContributor;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The compliance settings map: small (one JSON string per org), near-cached on every member and
 * invalidated on change, entries idle for an hour fall back to the database.
 */
@ApplicationScoped
public class ComplianceSettingsCacheConfig implements HazelcastConfigContributor {

  public static final String MAP_NAME = "hyperion.compliance-settings";
  static final int MAX_IDLE_SECONDS = 3600;

  @Override
  public void contribute(Config config) {
    config.addMapConfig(
        new MapConfig(MAP_NAME)
            .setBackupCount(1)
            .setMaxIdleSeconds(MAX_IDLE_SECONDS)
            .setNearCacheConfig(
                new NearCacheConfig(MAP_NAME)
                    .setInMemoryFormat(InMemoryFormat.OBJECT)
                    .setInvalidateOnChange(true)
                    .setCacheLocalEntries(true)
                    .setMaxIdleSeconds(MAX_IDLE_SECONDS)));
  }
}
