package ai.hyperion.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.McpConfig;
import ai.hyperion.config.McpConfig.McpServerConfig;
import ai.hyperion.provider.Secret;
import ai.hyperion.testing.FakeHttpMcpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstream connections against a real fake MCP server (the SDK over Streamable HTTP and HTTP+SSE on
 * Jetty): listing and calling, the org's token on the wire, a stalled call failing at its timeout,
 * and a server that is down failing at once and then for the back-off.
 */
class UpstreamServerTest {

  private static FakeHttpMcpServer fake;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    port = freePort();
    fake = new FakeHttpMcpServer(port);
  }

  @AfterAll
  static void stop() throws Exception {
    fake.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static UpstreamServer server(String name, String transport, String url, int timeout) {
    McpConfig config =
        new McpConfig(
            Map.of(
                name, new McpServerConfig(transport, url, null, null, timeout, null, null, "test")),
            5);
    return new McpUpstreams(config).server(name).orElseThrow();
  }

  private static McpSchema.CallToolResult call(
      UpstreamServer server, Optional<Secret> token, String tool, Map<String, Object> args) {
    return server.run("org-1", token, c -> c.callTool(new McpSchema.CallToolRequest(tool, args)));
  }

  private static String text(McpSchema.CallToolResult result) {
    return ((McpSchema.TextContent) result.content().get(0)).text();
  }

  @Test
  void listsAndCallsOverStreamableHttpWithTheOrgsToken() {
    UpstreamServer server =
        server("web", "streamable-http", "http://127.0.0.1:" + port + "/mcp", 5);
    try {
      List<McpSchema.Tool> tools = server.run("org-1", Optional.empty(), UpstreamConnection::tools);
      assertTrue(tools.stream().anyMatch(t -> t.name().equals("echo")), tools.toString());
      Secret token = new Secret("org-token-123");
      assertEquals("authorized", text(call(server, Optional.of(token), "whoami", Map.of())));
      List<String> seen = fake.authorizations();
      assertEquals("Bearer org-token-123", seen.get(seen.size() - 1));
      assertEquals("anonymous", text(call(server, Optional.empty(), "whoami", Map.of())));
      assertEquals("up", server.health().status());
    } finally {
      server.close();
    }
  }

  @Test
  void callsOverTheOlderSseTransport() {
    UpstreamServer server = server("old", "sse", "http://127.0.0.1:" + port + "/sse", 5);
    try {
      assertEquals("sse: hi", text(call(server, Optional.empty(), "echo", Map.of("text", "hi"))));
    } finally {
      server.close();
    }
  }

  @Test
  void aStalledCallFailsAtItsTimeoutAndTheServerStaysUsable() {
    UpstreamServer server =
        server("web", "streamable-http", "http://127.0.0.1:" + port + "/mcp", 1);
    try {
      long start = System.nanoTime();
      UpstreamFailure failure =
          assertThrows(
              UpstreamFailure.class,
              () -> call(server, Optional.empty(), "slow", Map.of("seconds", "10")));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals("upstream_timeout", failure.code());
      assertTrue(seconds >= 0.9 && seconds < 4, "after " + seconds + " s");
      assertEquals(
          "http: next", text(call(server, Optional.empty(), "echo", Map.of("text", "next"))));
    } finally {
      server.close();
    }
  }

  @Test
  void aStdioServerThatDiesFailsItsCallAtOnceAndIsStartedAgainAfterTheBackOff() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path");
    McpServerConfig stdio =
        new McpServerConfig(
            "stdio",
            null,
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m",
                "-cp",
                classpath == null ? System.getProperty("java.class.path") : classpath,
                "ai.hyperion.testing.FakeStdioMcpServer"),
            null,
            20,
            null,
            null,
            "test");
    UpstreamServer server =
        new McpUpstreams(new McpConfig(Map.of("local", stdio), 5)).server("local").orElseThrow();
    try {
      assertEquals(
          "stdio: one", text(call(server, Optional.empty(), "echo", Map.of("text", "one"))));
      long start = System.nanoTime();
      UpstreamFailure crashed =
          assertThrows(
              UpstreamFailure.class, () -> call(server, Optional.empty(), "crash", Map.of()));
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals("upstream_unavailable", crashed.code());
      assertTrue(seconds < 10, "after " + seconds + " s (the timeout is 20 s)");
      long deadline = System.nanoTime() + 30_000_000_000L;
      String answer = null;
      while (answer == null && System.nanoTime() < deadline) {
        try {
          answer = text(call(server, Optional.empty(), "echo", Map.of("text", "two")));
        } catch (UpstreamFailure e) {
          assertEquals("upstream_unavailable", e.code(), e.getMessage());
          Thread.sleep(500);
        }
      }
      assertEquals("stdio: two", answer);
    } finally {
      server.close();
    }
  }

  @Test
  void aServerThatIsDownFailsAtOnceAndStaysSkippedForTheBackOff() throws IOException {
    UpstreamServer server =
        server("gone", "streamable-http", "http://127.0.0.1:" + freePort() + "/mcp", 5);
    long start = System.nanoTime();
    UpstreamFailure first =
        assertThrows(UpstreamFailure.class, () -> call(server, Optional.empty(), "echo", Map.of()));
    assertEquals("upstream_unavailable", first.code());
    assertTrue((System.nanoTime() - start) / 1e9 < 3);
    assertEquals("down", server.health().status());
    UpstreamFailure again =
        assertThrows(UpstreamFailure.class, () -> call(server, Optional.empty(), "echo", Map.of()));
    assertTrue(again.getMessage().contains("retries it in"), again.getMessage());
  }
}
