package ai.hyperion.cluster;

import ai.hyperion.provider.ResumeStates;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The map of provider resume state ({@link HazelcastResumeStates}): one backup so a member leaving
 * loses no signature, entries expire after {@link ResumeStates#TTL}, and a per-member size bound
 * evicts the least recently used first.
 */
@ApplicationScoped
public class ResumeStateMapConfig implements HazelcastConfigContributor {

  public static final String MAP_NAME = "hyperion.provider-resume-state";
  static final int MAX_ENTRIES_PER_NODE = 500_000;

  @Override
  public void contribute(Config config) {
    apply(config);
  }

  /** Also used by tests that run members without CDI. */
  public static Config apply(Config config) {
    config.addMapConfig(
        new MapConfig(MAP_NAME)
            .setBackupCount(1)
            .setTimeToLiveSeconds((int) ResumeStates.TTL.toSeconds())
            .setEvictionConfig(
                new EvictionConfig()
                    .setEvictionPolicy(EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
                    .setSize(MAX_ENTRIES_PER_NODE)));
    return config;
  }
}
