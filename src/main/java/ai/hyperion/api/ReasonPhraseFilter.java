package ai.hyperion.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Gives 422 and 429 their reason phrases on the status line. Liberty's HTTP channel has no phrase
 * for them (it writes {@code 429 Undefined}), JAX-RS passes only the number to the servlet
 * response, and Servlet 6 dropped {@code setStatus(int, String)} from the API; Liberty's response
 * still implements it, so it is called when present and the plain status is set otherwise.
 */
@WebFilter(filterName = "ReasonPhrase", urlPatterns = "/*", asyncSupported = true)
public class ReasonPhraseFilter extends HttpFilter {

  private static final Set<Integer> UNNAMED_BY_LIBERTY = Set.of(422, 429);

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, new Named(response));
  }

  private static final class Named extends HttpServletResponseWrapper {

    Named(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setStatus(int status) {
      if (!UNNAMED_BY_LIBERTY.contains(status) || !setWithPhrase(status)) {
        super.setStatus(status);
      }
    }

    private boolean setWithPhrase(int status) {
      Object target = getResponse();
      while (target instanceof HttpServletResponseWrapper wrapper) {
        target = wrapper.getResponse();
      }
      try {
        Method named = target.getClass().getMethod("setStatus", int.class, String.class);
        named.invoke(target, status, HttpStatuses.of(status).getReasonPhrase());
        return true;
      } catch (ReflectiveOperationException | RuntimeException notOffered) {
        return false;
      }
    }
  }
}
