package ai.hyperion.pipeline;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/** Starts the {@link Exchange} of a data-plane request. */
@Provider
@DataPlane
@Priority(PipelinePriorities.EXCHANGE)
public class ExchangeFilter implements ContainerRequestFilter {

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String flag = request.getHeaderString("x-hyperion-debug");
    boolean debug = "1".equals(flag) || "true".equalsIgnoreCase(flag);
    Exchange exchange = new Exchange(endpoint(request.getUriInfo().getPath(false)), debug);
    if (servletRequest != null) {
      exchange.clientAddress(servletRequest.getRemoteAddr());
    }
    exchange.cacheControl(request.getHeaderString("Cache-Control"));
    request.setProperty(Exchange.PROPERTY, exchange);
  }

  /** The path with a leading slash (a regex here was compiled on every request). */
  static String endpoint(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  public static Exchange of(ContainerRequestContext request) {
    return (Exchange) request.getProperty(Exchange.PROPERTY);
  }

  /**
   * The same Exchange from a resource method (filter properties are servlet request attributes).
   */
  public static Exchange of(HttpServletRequest request) {
    return (Exchange) request.getAttribute(Exchange.PROPERTY);
  }
}
