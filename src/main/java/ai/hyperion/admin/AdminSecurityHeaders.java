package ai.hyperion.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response under {@code /admin} (UI files and admin API alike): a
 * Content-Security-Policy that allows only the UI's own files (no inline script or style, no other
 * origin, no framing), no MIME sniffing, no referrer, and no caching of admin API answers.
 */
@WebFilter(filterName = "AdminSecurityHeaders", urlPatterns = "/admin/*")
public class AdminSecurityHeaders extends HttpFilter {

  static final String UI_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/admin/api/");
    response.setHeader("Content-Security-Policy", api ? API_POLICY : UI_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", "max-age=31536000");
    }
    if (api) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (request.getRequestURI().equals(request.getContextPath() + "/admin/")) {
      // The JAX-RS application is mapped to /*, which an exact "/admin/" servlet mapping does not
      // beat here: the console's entry page is forwarded to explicitly.
      request.getRequestDispatcher("/admin/index.html").forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }
}
