package ai.hyperion.dedicated;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * Deployment settings of dedicated endpoints (MicroProfile Config, {@code hyperion.dedicated.*}):
 * how often the monitor looks, how long requests wait for a waking endpoint, the timeouts that fail
 * a start, the lease that keeps instances from acting on one endpoint together, and where model
 * metadata comes from.
 *
 * @param nodeId this instance's name: local processes belong to the instance that started them
 */
public record DedicatedSettings(
    Duration monitorInterval,
    Duration probeInterval,
    Duration wakeWait,
    Duration buildTimeout,
    Duration wakeTimeout,
    Duration lease,
    Duration routeCache,
    int defaultIdleSeconds,
    String hubUrl,
    Duration hubTimeout,
    String tokenKey,
    String nodeId) {

  public static final String PREFIX = "hyperion.dedicated.";
  public static final String TOKEN_KEY = PREFIX + "token-key";

  public static DedicatedSettings defaults() {
    return new DedicatedSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofMinutes(30),
        Duration.ofMinutes(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(2),
        900,
        "https://huggingface.co",
        Duration.ofSeconds(3),
        "",
        defaultNodeId());
  }

  public static DedicatedSettings from(Config config) {
    DedicatedSettings d = defaults();
    return new DedicatedSettings(
        millis(config, "monitor-interval-ms", d.monitorInterval()),
        millis(config, "probe-interval-ms", d.probeInterval()),
        seconds(config, "wake-wait-seconds", d.wakeWait()),
        seconds(config, "build-timeout-seconds", d.buildTimeout()),
        seconds(config, "wake-timeout-seconds", d.wakeTimeout()),
        seconds(config, "lease-seconds", d.lease()),
        millis(config, "route-cache-ms", d.routeCache()),
        config
            .getOptionalValue(PREFIX + "default-idle-seconds", Integer.class)
            .orElse(d.defaultIdleSeconds()),
        config.getOptionalValue(PREFIX + "hub-url", String.class).orElse(d.hubUrl()),
        millis(config, "hub-timeout-ms", d.hubTimeout()),
        config.getOptionalValue(TOKEN_KEY, String.class).orElse(""),
        config
            .getOptionalValue(PREFIX + "node-id", String.class)
            .filter(s -> !s.isBlank())
            .orElse(d.nodeId()));
  }

  private static Duration millis(Config config, String name, Duration fallback) {
    return config
        .getOptionalValue(PREFIX + name, Long.class)
        .map(Duration::ofMillis)
        .orElse(fallback);
  }

  private static Duration seconds(Config config, String name, Duration fallback) {
    return config
        .getOptionalValue(PREFIX + name, Long.class)
        .map(Duration::ofSeconds)
        .orElse(fallback);
  }

  /** Whether model metadata is looked up at all ({@code hub-url=none} turns it off). */
  public boolean hubEnabled() {
    return hubUrl != null && !hubUrl.isBlank() && !hubUrl.equalsIgnoreCase("none");
  }

  /** Host name and Liberty server name: stable across restarts, distinct per server. */
  static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "/" + System.getProperty("wlp.server.name", "hyperion");
  }
}
