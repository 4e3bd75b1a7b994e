package ai.hyperion.dedicated;

import ai.hyperion.config.DedicatedConfig.LocalPlatformConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each endpoint as a local process (the embedded default: a server with its own GPU, or a
 * laptop): the configured command line on a free port of 127.0.0.1, ready when its health path
 * answers 200, stopped when the endpoint sleeps and started again when it wakes. Its output is the
 * endpoint's log. Processes belong to this JVM: they are stopped when the application stops.
 */
public final class LocalProcessPlatform implements EndpointPlatform, AutoCloseable {

  private static final List<String> GATEWAY_JVM_OPTIONS =
      List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS");

  private static final Logger LOG = Logger.getLogger(LocalProcessPlatform.class.getName());

  /** A running server: its process, port and output. */
  private record Server(Process process, int port, LogTail log) {}

  private final LocalPlatformConfig config;
  private final ThreadFactory threads;
  private final HttpClient http;

  /** Running servers by endpoint id; replaced atomically per endpoint. */
  private final Map<String, Server> servers = new ConcurrentHashMap<>();

  /** Output of the last run of each endpoint, kept after it stops (sleeping, failed). */
  private final Map<String, LogTail> logs = new ConcurrentHashMap<>();

  /** Set when the application stops: no process may start after that. */
  private volatile boolean closed;

  public LocalProcessPlatform(LocalPlatformConfig config, ThreadFactory threads) {
    this.config = config;
    this.threads = threads;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public boolean nodeBound() {
    return true;
  }

  @Override
  public void start(DeploymentSpec spec) {
    if (closed) {
      throw new PlatformException("The local platform is shutting down");
    }
    servers.compute(
        spec.endpointId(),
        (id, running) -> running != null && running.process().isAlive() ? running : launch(spec));
  }

  private Server launch(DeploymentSpec spec) {
    int port = freePort();
    List<String> command = spec.expand(config.command(), port);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The gateway's own JVM options (they may hold its secrets) never reach an endpoint's process,
    // whose output is kept as the endpoint's log: a JVM there would echo them.
    builder.environment().keySet().removeAll(GATEWAY_JVM_OPTIONS);
    builder.environment().putAll(config.environment());
    if (spec.accessToken() != null && !spec.accessToken().isBlank()) {
      builder.environment().put("HF_TOKEN", spec.accessToken().value());
    }
    if (config.workingDirectory() != null && !config.workingDirectory().isBlank()) {
      builder.directory(new File(config.workingDirectory()));
    }
    LogTail log = new LogTail(config.logLines(), spec.accessToken());
    logs.put(spec.endpointId(), log);
    log.add("[hyperion] starting on port " + port + ": " + String.join(" ", command));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      log.add("[hyperion] could not start: " + e.getMessage());
      throw new PlatformException(
          "The command '" + command.get(0) + "' could not be started: " + e.getMessage(), e);
    }
    Thread reader = threads.newThread(() -> capture(spec.endpointId(), process, log));
    reader.setDaemon(true);
    reader.start();
    LOG.info(() -> "Started " + spec.endpointId() + " as process " + process.pid() + " on " + port);
    return new Server(process, port, log);
  }

  private static void capture(String endpointId, Process process, LogTail log) {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        log.add(line);
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "Output of " + endpointId + " closed", e);
    }
  }

  @Override
  public void stop(String endpointId) {
    Server server = servers.remove(endpointId);
    if (server == null) {
      return;
    }
    Process process = server.process();
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(config.stopTimeoutSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    server.log().add("[hyperion] stopped (exit code " + exitCode(process) + ")");
    LOG.info(() -> "Stopped " + endpointId + " (process " + process.pid() + ")");
  }

  @Override
  public Readiness probe(String endpointId) {
    Server server = servers.get(endpointId);
    if (server == null) {
      return new Readiness.Absent();
    }
    if (!server.process().isAlive()) {
      servers.remove(endpointId, server);
      List<String> tail = server.log().last(5);
      return new Readiness.Failed(
          "the server process exited with code "
              + exitCode(server.process())
              + "; last output: "
              + String.join(" | ", tail));
    }
    URI base = URI.create("http://127.0.0.1:" + server.port());
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(base.resolve(config.healthPath()))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return new Readiness.Ready(base.resolve("/v1"));
      }
      return new Readiness.Starting(config.healthPath() + " answered " + response.statusCode());
    } catch (IOException e) {
      return new Readiness.Starting("not listening on port " + server.port() + " yet");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Readiness.Starting("interrupted");
    }
  }

  @Override
  public List<String> logs(String endpointId, int maxLines) {
    LogTail log = logs.get(endpointId);
    return log == null ? List.of() : log.last(maxLines);
  }

  @Override
  public void delete(String endpointId) {
    stop(endpointId);
    logs.remove(endpointId);
  }

  /** The process id of an endpoint's server, for tests and diagnostics. */
  public OptionalLong pid(String endpointId) {
    Server server = servers.get(endpointId);
    return server == null ? OptionalLong.empty() : OptionalLong.of(server.process().pid());
  }

  @Override
  public void close() {
    closed = true;
    servers.keySet().forEach(this::stop);
  }

  private static String exitCode(Process process) {
    return process.isAlive() ? "none yet" : Integer.toString(process.exitValue());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new PlatformException("No free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
