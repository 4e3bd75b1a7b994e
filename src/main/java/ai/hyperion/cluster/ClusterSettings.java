package ai.hyperion.cluster;

import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * How this instance's embedded Hazelcast member joins others. No members listed means a standalone
 * member (no discovery at all); otherwise TCP/IP join to the listed {@code host:port}s.
 *
 * @param name cluster name; members with another name never join
 * @param bindInterface the interface the member binds and announces (127.0.0.1 by default)
 * @param port first port tried; with {@code portAutoIncrement} the next free one is taken
 */
public record ClusterSettings(
    String name, String bindInterface, int port, boolean portAutoIncrement, List<String> members) {

  public static final String PREFIX = "hyperion.cluster.";

  public ClusterSettings {
    members = List.copyOf(members);
  }

  public static ClusterSettings standalone() {
    return new ClusterSettings("hyperion", "127.0.0.1", 5701, true, List.of());
  }

  public static ClusterSettings from(Config config) {
    ClusterSettings defaults = standalone();
    String members = config.getOptionalValue(PREFIX + "members", String.class).orElse("");
    return new ClusterSettings(
        config.getOptionalValue(PREFIX + "name", String.class).orElse(defaults.name()),
        config
            .getOptionalValue(PREFIX + "interface", String.class)
            .orElse(defaults.bindInterface()),
        config.getOptionalValue(PREFIX + "port", Integer.class).orElse(defaults.port()),
        config
            .getOptionalValue(PREFIX + "port-auto-increment", Boolean.class)
            .orElse(defaults.portAutoIncrement()),
        Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList());
  }

  public boolean clustered() {
    return !members.isEmpty();
  }
}
