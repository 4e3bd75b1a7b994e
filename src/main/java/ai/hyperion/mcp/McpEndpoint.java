package ai.hyperion.mcp;

import ai.hyperion.auth.ApiKeyVerifier;
import ai.hyperion.auth.FailedAuthThrottle;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Mounts {@code /mcp}: the MCP SDK's Streamable HTTP servlet transport (its stateless variant:
 * requests need no instance-local session, so any instance serves any client), behind {@link
 * McpAuthFilter}, answering through {@link McpGateway}.
 */
@WebListener
public class McpEndpoint implements ServletContextListener {

  static final String PATH = "/mcp";

  /** Bodies of MCP requests: tool arguments, not documents. */
  private static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  @Inject McpGateway gateway;
  @Inject McpUpstreams upstreams;
  @Inject ApiKeyVerifier verifier;
  @Inject FailedAuthThrottle throttle;
  @Inject SessionTokens sessions;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    HttpServletStatelessServerTransport transport =
        HttpServletStatelessServerTransport.builder()
            .jsonMapper(upstreams.json())
            .messageEndpoint(PATH)
            .maxRequestSize(MAX_REQUEST_BYTES)
            .contextExtractor(
                request -> {
                  Map<String, Object> context = new HashMap<>();
                  context.put(McpGateway.TENANT, request.getAttribute(McpGateway.TENANT));
                  context.put(McpGateway.SESSION, request.getAttribute(McpGateway.SESSION));
                  context.put(McpGateway.ADDRESS, request.getRemoteAddr());
                  return McpTransportContext.create(context);
                })
            .build();
    transport.setMcpHandler(gateway);
    ServletContext context = event.getServletContext();
    ServletRegistration.Dynamic servlet = context.addServlet("mcp-gateway", transport);
    servlet.addMapping(PATH);
    servlet.setAsyncSupported(true);
    FilterRegistration.Dynamic filter =
        context.addFilter("mcp-auth", new McpAuthFilter(verifier, throttle, sessions));
    filter.addMappingForServletNames(null, false, "mcp-gateway");
    filter.setAsyncSupported(true);
  }

  /** Produces the session signer once, from {@link McpSettings}. */
  @ApplicationScoped
  public static class Producer {
    @Produces
    @Singleton
    SessionTokens sessionTokens() {
      return SessionTokens.from(McpSettings.from(ConfigProvider.getConfig()));
    }
  }
}
