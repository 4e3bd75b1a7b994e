package ai.hyperion.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A fake upstream MCP server over Streamable HTTP (sessions and all), built with the MCP SDK's
 * servlet transport on an embedded Jetty bound to 127.0.0.1, and the same tools over the older
 * HTTP+SSE transport ({@code /sse}). It records the {@code Authorization} header of every tool call
 * that reads it ({@link #authorizations()}).
 */
public final class FakeHttpMcpServer implements AutoCloseable {

  private final Server jetty;
  private final McpSyncServer mcp;
  private final McpSyncServer legacy;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public FakeHttpMcpServer(int port) throws Exception {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .mcpEndpoint("/mcp")
            .contextExtractor(
                request -> {
                  Map<String, Object> context = new HashMap<>();
                  String authorization = request.getHeader("Authorization");
                  if (authorization != null) {
                    context.put("authorization", authorization);
                  }
                  return McpTransportContext.create(context);
                })
            .build();
    mcp =
        McpServer.sync(transport)
            .serverInfo("fake-http", "1.0")
            .capabilities(
                McpSchema.ServerCapabilities.builder()
                    .tools(false)
                    .prompts(false)
                    .resources(false, false)
                    .build())
            .tools(
                FakeMcpTools.tools(
                    "http", auth -> authorizations.add(auth == null ? "" : auth.toString())))
            .prompts(FakeMcpTools.greeting())
            .resources(FakeMcpTools.readme())
            .build();
    // The 2024-11-05 HTTP+SSE transport on the same port: GET /sse, POST /message.
    HttpServletSseServerTransportProvider sse =
        HttpServletSseServerTransportProvider.builder()
            .jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper()))
            .sseEndpoint("/sse")
            .messageEndpoint("/message")
            .build();
    legacy =
        McpServer.sync(sse)
            .serverInfo("fake-sse", "1.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
            .tools(FakeMcpTools.tools("sse", auth -> {}))
            .build();
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder(transport);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    ServletHolder sseHolder = new ServletHolder(sse);
    sseHolder.setAsyncSupported(true);
    context.addServlet(sseHolder, "/sse");
    context.addServlet(sseHolder, "/message");
    jetty.setHandler(context);
    jetty.start();
  }

  /** The {@code Authorization} headers of the calls that read it, in order ("" for none). */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() throws Exception {
    mcp.close();
    legacy.close();
    jetty.stop();
  }
}
