package ai.hyperion.pipeline;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Starts the {@link Exchange} of a data-plane request. */
@Provider
@DataPlane
@Priority(PipelinePriorities.EXCHANGE)
public class ExchangeFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    boolean debug =
        "1".equals(request.getHeaderString("x-hyperion-debug"))
            || "true".equalsIgnoreCase(request.getHeaderString("x-hyperion-debug"));
    request.setProperty(Exchange.PROPERTY, new Exchange(debug));
  }

  public static Exchange of(ContainerRequestContext request) {
    return (Exchange) request.getProperty(Exchange.PROPERTY);
  }

  /**
   * The same Exchange from a resource method (filter properties are servlet request attributes).
   */
  public static Exchange of(jakarta.servlet.http.HttpServletRequest request) {
    return (Exchange) request.getAttribute(Exchange.PROPERTY);
  }
}
