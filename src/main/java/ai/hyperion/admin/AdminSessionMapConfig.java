package ai.hyperion.admin;

import ai.hyperion.cluster.HazelcastConfigContributor;
import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The admin session map: one backup so a member leaving signs nobody out; no near-cache, so a
 * sign-out is seen by every member on the next request. Entries expire by themselves (per-entry TTL
 * and max-idle set by {@link AdminSessions}).
 */
@ApplicationScoped
public class AdminSessionMapConfig implements HazelcastConfigContributor {

  public static final String MAP_NAME = "hyperion.admin-sessions";

  @Override
  public void contribute(Config config) {
    apply(config);
  }

  /** Also used by tests that run members without CDI. */
  public static Config apply(Config config) {
    config.addMapConfig(new MapConfig(MAP_NAME).setBackupCount(1));
    config
        .getSerializationConfig()
        .getCompactSerializationConfig()
        .addSerializer(new AdminSessionSerializer());
    return config;
  }
}
