package ai.hyperion.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps the container's own request object as an attribute of itself. A JAX-RS {@code @Context
 * HttpServletRequest} is a proxy bound to the request thread; a stream starts later, on whatever
 * thread the upstream's answer arrived on, and needs the request's {@link AsyncContext} then.
 */
@WebFilter(filterName = "ServletRequests", urlPatterns = "/*", asyncSupported = true)
public class ServletRequests extends HttpFilter {

  private static final String ATTRIBUTE = ServletRequests.class.getName();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.setAttribute(ATTRIBUTE, request);
    chain.doFilter(request, response);
  }

  /**
   * The container's request behind {@code request} (a proxy is read on the request thread); the
   * request itself when the filter did not run.
   */
  public static HttpServletRequest unwrap(HttpServletRequest request) {
    Object raw = request.getAttribute(ATTRIBUTE);
    return raw instanceof HttpServletRequest servlet ? servlet : request;
  }
}
