package ai.hyperion.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A fake upstream MCP server over stdio, built with the MCP SDK: the gateway under test starts it
 * as a process ({@code java -cp <test classpath> ai.hyperion.testing.FakeStdioMcpServer}). Its
 * tools are {@link FakeMcpTools} labelled {@code stdio}; it runs until its stdin closes.
 */
public final class FakeStdioMcpServer {

  private FakeStdioMcpServer() {}

  public static void main(String[] args) throws InterruptedException {
    McpServer.sync(new StdioServerTransportProvider(new JacksonMcpJsonMapper(new ObjectMapper())))
        .serverInfo("fake-stdio", "1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(FakeMcpTools.tools("stdio", auth -> {}))
        .build();
    Thread.currentThread().join();
  }
}
