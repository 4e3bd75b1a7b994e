package ai.hyperion.policy;

import java.net.URI;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Builds the Redisson client for the policy store from {@code hyperion.policy.redis}, e.g. {@code
 * redis://127.0.0.1:6379}, {@code rediss://:password@host:6380/2}. It connects lazily (a gateway
 * starts while Redis is down), never retries (the failover decides), and times out fast.
 */
public final class RedissonClients {

  private RedissonClients() {}

  /** The URL without its credentials, for logs. */
  public static String display(String url) {
    URI uri = URI.create(url.trim());
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + ":"
        + (uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  public static RedissonClient create(String url, Duration timeout) {
    URI uri = URI.create(url.trim());
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "hyperion.policy.redis must be a redis:// or rediss:// URL with a host");
    }
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    Config config = new Config();
    config.setLazyInitialization(true);
    config.setUseScriptCache(true);
    // Two Netty threads: the policy store's work per answer is a JSON parse.
    config.setNettyThreads(2);
    SingleServerConfig server =
        config
            .useSingleServer()
            .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + port)
            .setConnectionMinimumIdleSize(2)
            .setConnectionPoolSize(8)
            .setTimeout((int) timeout.toMillis())
            .setConnectTimeout((int) Math.max(timeout.toMillis(), 1000))
            .setRetryAttempts(0)
            .setPingConnectionInterval(5_000);
    String userInfo = uri.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? null : userInfo.substring(0, colon);
      String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
      if (user != null && !user.isEmpty()) {
        server.setUsername(user);
      }
      server.setPassword(password);
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      server.setDatabase(Integer.parseInt(path.substring(1)));
    }
    return Redisson.create(config);
  }
}
