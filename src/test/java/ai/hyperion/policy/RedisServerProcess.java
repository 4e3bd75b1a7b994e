package ai.hyperion.policy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private {@code redis-server} on a free port of 127.0.0.1, without persistence, that a test can
 * stop and start again on the same port (never the shared one on 6379).
 */
final class RedisServerProcess implements AutoCloseable {

  private final int port;
  private final Path dir;
  private Process process;

  private RedisServerProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  static RedisServerProcess start() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
      if (System.getenv("CI") != null) {
        throw new AssertionError("redis-server is required when CI is set (apt-get install redis)");
      }
      Assumptions.abort("redis-server is not installed");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    RedisServerProcess server =
        new RedisServerProcess(port, Files.createTempDirectory("hyperion-redis"));
    server.startAgain();
    return server;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  void startAgain() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                "/usr/bin/redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("redis-server did not listen on port " + port + " in 10 s");
  }

  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      stop();
    }
  }
}
