package ai.hyperion.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

/** Builds the member configuration from {@link ClusterSettings}. */
public final class HazelcastConfigs {

  private HazelcastConfigs() {}

  public static Config member(ClusterSettings settings) {
    Config config = new Config();
    config.setClusterName(settings.effectiveName());
    config.setClassLoader(HazelcastConfigs.class.getClassLoader());
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // Listen on the configured interface only, never on every interface.
    config.setProperty("hazelcast.socket.bind.any", "false");
    // Nothing that runs code sent by a peer or a client.
    config.getJetConfig().setEnabled(false);
    // Invalidations are sent as they happen, not batched (batches wait up to 10 s by default):
    // a revoked key must be refused on every member at once.
    config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
    // Members that started apart (one was slow) find each other within seconds, not minutes.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(settings.portAutoIncrement());
    network.getInterfaces().setEnabled(true).addInterface(settings.bindInterface());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(settings.clustered()).setMembers(settings.members());
    return config;
  }
}
