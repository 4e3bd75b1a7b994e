package ai.hyperion.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A second (third...) Liberty server for tests that need several gateway instances: a copy of the
 * build's {@code hyperion-it} server (its server.xml, jvm.options and libraries) under another
 * name, with its own ports and environment, the built WAR in dropins, run with {@code bin/server}.
 */
final class LibertyServer implements AutoCloseable {

  private final Path wlp;
  private final String name;
  final int httpPort;

  private LibertyServer(Path wlp, String name, int httpPort) {
    this.wlp = wlp;
    this.name = name;
    this.httpPort = httpPort;
  }

  /** The Liberty install the build created (target/liberty/wlp). */
  static Path wlp() {
    return Path.of(System.getProperty("it.war"))
        .toAbsolutePath()
        .getParent()
        .resolve("liberty/wlp");
  }

  static LibertyServer create(String name, Map<String, String> env) throws IOException {
    Path wlp = wlp();
    Path template = wlp.resolve("usr/servers/hyperion-it-" + Integer.getInteger("it.http.port"));
    Path dir = wlp.resolve("usr/servers/" + name);
    deleteRecursively(dir);
    Files.createDirectories(dir.resolve("dropins"));
    Files.copy(template.resolve("server.xml"), dir.resolve("server.xml"));
    Files.copy(template.resolve("jvm.options"), dir.resolve("jvm.options"));
    copyRecursively(template.resolve("lib"), dir.resolve("lib"));
    Files.copy(Path.of(System.getProperty("it.war")), dir.resolve("dropins/hyperion.war"));
    int httpPort = freePort();
    Files.writeString(
        dir.resolve("bootstrap.properties"),
        "http.port=" + httpPort + "\nhttps.port=" + freePort() + "\nhttp.host=127.0.0.1\n");
    Files.writeString(
        dir.resolve("server.env"),
        env.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n", "", "\n")));
    return new LibertyServer(wlp, name, httpPort);
  }

  /**
   * Deploys the WAR the way production does instead of from {@code dropins/}: in {@code apps/},
   * declared by {@code hyperion-app.xml} of {@code src/main/liberty/config} (the application's
   * class loader sees the OpenTelemetry API there). Call before {@link #start()}.
   */
  void deployAsDeclaredApplication() throws IOException {
    Path dir = wlp.resolve("usr/servers/" + name);
    Files.createDirectories(dir.resolve("apps"));
    Files.move(dir.resolve("dropins/hyperion.war"), dir.resolve("apps/hyperion.war"));
    Files.copy(
        Path.of("src/main/liberty/config/hyperion-app.xml"),
        dir.resolve("hyperion-app.xml"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The server's messages.log (empty before it wrote one). */
  String messages() throws IOException {
    Path log = wlp.resolve("usr/servers/" + name + "/logs/messages.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  void start() throws IOException, InterruptedException {
    run("start");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("stop");
  }

  private void run(String action) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
            .redirectErrorStream(true)
            .redirectOutput(wlp.resolve("usr/servers/" + name + "-" + action + ".out").toFile())
            .start();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "'server " + action + " " + name + "' did not finish in 240 s");
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
