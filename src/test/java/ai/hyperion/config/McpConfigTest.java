package ai.hyperion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.McpConfig.McpServerConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** gateway.yaml's {@code mcp:} section: defaults, references, and the mistakes it names. */
class McpConfigTest {

  private static GatewayConfig load(String yaml, Map<String, String> env) {
    return new GatewayConfigLoader(name -> Optional.ofNullable(env.get(name)))
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void bindsHttpAndStdioServersWithDefaults() {
    GatewayConfig config =
        load(
            "mcp:\n"
                + "  servers:\n"
                + "    github:\n"
                + "      url: https://mcp.example.com/mcp\n"
                + "      tool-requests-per-minute: 30\n"
                + "    files:\n"
                + "      transport: stdio\n"
                + "      command: [npx, server-filesystem, /data]\n"
                + "      env: {TOKEN: '${FILES_TOKEN}'}\n",
            Map.of("FILES_TOKEN", "t0k"));
    McpServerConfig github = config.mcp().servers().get("github");
    assertEquals(McpServerConfig.STREAMABLE_HTTP, github.transport());
    assertEquals(30, github.timeoutSeconds());
    assertEquals(30, github.toolRequestsPerMinute());
    McpServerConfig files = config.mcp().servers().get("files");
    assertEquals(List.of("npx", "server-filesystem", "/data"), files.command());
    assertEquals("t0k", files.env().get("TOKEN"));
    assertEquals(30, config.mcp().toolListTtlSeconds());
  }

  @Test
  void noSectionMeansNoServers() {
    assertTrue(load("providers: {}\n", Map.of()).mcp().servers().isEmpty());
  }

  @Test
  void namesEachMistake() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    "mcp:\n"
                        + "  servers:\n"
                        + "    Bad__Name:\n"
                        + "      url: https://x.example/mcp\n"
                        + "    nourl: {}\n"
                        + "    local:\n"
                        + "      transport: stdio\n"
                        + "    slow:\n"
                        + "      url: ftp://x.example\n"
                        + "      timeout-seconds: 0\n",
                    Map.of()));
    String message = e.getMessage();
    assertTrue(message.contains("mcp.servers.Bad__Name"), message);
    assertTrue(message.contains("mcp.servers.nourl.url"), message);
    assertTrue(message.contains("mcp.servers.local.command"), message);
    assertTrue(message.contains("mcp.servers.slow.url"), message);
    assertTrue(message.contains("mcp.servers.slow.timeout-seconds"), message);
  }
}
