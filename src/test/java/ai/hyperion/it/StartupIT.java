package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway.yaml with mistakes fails the application's start, naming every mistake in the log,
 * rather than failing the first request.
 */
class StartupIT {

  @Test
  void anInvalidGatewayYamlFailsTheStartAndNamesEveryProblem() throws Exception {
    Path yaml = Files.createTempFile("bad-gateway", ".yaml");
    Files.writeString(
        yaml,
        """
        providers:
          broken:
            type: no-such-adapter
            base-url: http://127.0.0.1:9/v1
        models:
          - id: orphan
            provider: nowhere
        """);
    String name = "hyperion-bad-config-" + LibertyServer.freePort();
    try (LibertyServer server =
        LibertyServer.create(name, Map.of("HYPERION_CONFIG_PATH", yaml.toString()))) {
      server.start();
      String log = awaitApplicationOutcome(server);

      assertTrue(
          log.contains("CWWKZ0012I") || log.contains("CWWKZ0002E"),
          "the application must not start:\n" + log);
      assertFalse(log.contains("CWWKZ0001I"), "the application must not report it started");
      assertTrue(log.contains("providers.broken.type: must be one of"), log);
      assertTrue(log.contains("'nowhere' is not defined under providers"), log);
    } finally {
      Files.deleteIfExists(yaml);
    }
  }

  /**
   * Waits until Liberty reports the application started (CWWKZ0001I), was not started (CWWKZ0012I)
   * or failed (CWWKZ0002E).
   */
  private static String awaitApplicationOutcome(LibertyServer server) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    while (Instant.now().isBefore(deadline)) {
      String log = server.messages();
      if (log.contains("CWWKZ0001I") || log.contains("CWWKZ0012I") || log.contains("CWWKZ0002E")) {
        return log;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the server reported no application outcome:\n" + server.messages());
  }
}
