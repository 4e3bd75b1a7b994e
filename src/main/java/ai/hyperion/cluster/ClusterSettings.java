package ai.hyperion.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * How this instance's embedded Hazelcast member joins others. No members listed means a standalone
 * member (no discovery at all); otherwise TCP/IP join to the listed {@code host:port}s.
 *
 * @param name cluster name; members with another name never join
 * @param bindInterface the interface the member binds and announces (127.0.0.1 by default)
 * @param port first port tried; with {@code portAutoIncrement} the next free one is taken
 * @param secret the shared cluster secret ({@code hyperion.cluster.secret}, env
 *     HYPERION_CLUSTER_SECRET); empty for a standalone member on the loopback interface.
 *     Hazelcast's open-source edition has no member authentication or TLS (both are Enterprise
 *     features), so the secret keys the cluster name ({@link #effectiveName()}): a member or client
 *     that does not know it is refused at the join/authentication handshake. It is sent in clear on
 *     the cluster port, so that port must stay on a private network; see README "Security".
 */
public record ClusterSettings(
    String name,
    String bindInterface,
    int port,
    boolean portAutoIncrement,
    List<String> members,
    String secret) {

  public static final String PREFIX = "hyperion.cluster.";
  static final int MIN_SECRET_LENGTH = 16;

  public ClusterSettings {
    members = List.copyOf(members);
    secret = secret == null ? "" : secret;
  }

  public ClusterSettings(
      String name,
      String bindInterface,
      int port,
      boolean portAutoIncrement,
      List<String> members) {
    this(name, bindInterface, port, portAutoIncrement, members, "");
  }

  public static ClusterSettings standalone() {
    return new ClusterSettings("hyperion", "127.0.0.1", 5701, true, List.of(), "");
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
        Arrays.stream(members.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList(),
        config.getOptionalValue(PREFIX + "secret", String.class).orElse("").trim());
  }

  /**
   * The name members present when they join: the configured name plus an HMAC of it under the
   * secret, so only members (and clients) that hold the secret are let in.
   */
  public String effectiveName() {
    if (secret.isEmpty()) {
      return name;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] tag = mac.doFinal(("hyperion-cluster:" + name).getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(tag, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Refuses to start a member that others can reach without a secret: one that joins others, or
   * binds an interface other than the loopback.
   */
  public void requireSecretWhenReachable() {
    boolean reachable = clustered() || !isLoopback(bindInterface);
    if (reachable && secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException(
          "The cluster member is reachable from other hosts ("
              + (clustered() ? "members " + members : "interface " + bindInterface)
              + ") but no cluster secret of at least "
              + MIN_SECRET_LENGTH
              + " characters is set: set "
              + PREFIX
              + "secret (env HYPERION_CLUSTER_SECRET) to the same random value on every"
              + " instance.");
    }
  }

  private static boolean isLoopback(String address) {
    return address.equals("127.0.0.1") || address.startsWith("127.") || address.equals("::1");
  }

  public boolean clustered() {
    return !members.isEmpty();
  }
}
