package ai.hyperion.cluster;

import com.hazelcast.config.Config;

/**
 * Adds a capability's maps, near-caches and serializers to the member's configuration before it
 * starts. Implement as a CDI bean; {@link HazelcastMember} applies every one.
 */
public interface HazelcastConfigContributor {

  void contribute(Config config);
}
