package ai.hyperion.policy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.redisson.api.RedissonClient;

/**
 * The shared Redis on 127.0.0.1:6379 for tests: skipped when it is not there, a failure when the CI
 * variable is set. Every test works under its own key prefix and deletes it afterwards.
 */
final class TestRedis {

  static final String URL = "redis://127.0.0.1:6379";

  private TestRedis() {}

  static RedissonClient connect() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
    } catch (IOException e) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("Redis on 127.0.0.1:6379 is required when CI is set", e);
      }
      Assumptions.abort("Redis on 127.0.0.1:6379 is not reachable: " + e.getMessage());
    }
    return RedissonClients.create(URL, Duration.ofSeconds(2));
  }

  static String uniquePrefix() {
    return "hyperion-test:" + UUID.randomUUID().toString().substring(0, 13);
  }

  static void deleteAll(RedissonClient redisson, String prefix) {
    redisson.getKeys().deleteByPattern(prefix + ":*");
  }
}
