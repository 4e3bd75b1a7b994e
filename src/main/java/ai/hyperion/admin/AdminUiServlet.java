package ai.hyperion.admin;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.util.Map;

/**
 * Serves the admin UI's static files (built into the WAR under {@code admin/} from the top-level
 * {@code admin-ui/} folder) at {@code /admin/}. The JAX-RS application is mapped to {@code /*}, so
 * the UI's folders are mapped here explicitly and {@code /admin/api} stays with JAX-RS ({@code
 * /admin/} itself is forwarded to {@code index.html} by {@link AdminSecurityHeaders}). Files are
 * revalidated on every load (ETag) so a new build is picked up at once.
 */
@WebServlet(
    name = "AdminUi",
    urlPatterns = {
      "/admin",
      "/admin/index.html",
      "/admin/css/*",
      "/admin/js/*",
      "/admin/img/*",
      "/admin/vendor/*"
    })
public class AdminUiServlet extends HttpServlet {

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.equals("/admin")) {
      response.sendRedirect(request.getContextPath() + "/admin/");
      return;
    }
    String type = type(path);
    URL resource =
        type == null || path.contains("..") || path.contains("//") || path.contains("\\")
            ? null
            : getServletContext().getResource(path);
    if (resource == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    URLConnection connection = resource.openConnection();
    String etag =
        "\""
            + Long.toHexString(connection.getLastModified())
            + "-"
            + Long.toHexString(connection.getContentLengthLong())
            + "\"";
    response.setHeader("ETag", etag);
    response.setHeader("Cache-Control", "no-cache");
    if (etag.equals(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(type);
    try (InputStream in = connection.getInputStream();
        OutputStream out = response.getOutputStream()) {
      in.transferTo(out);
    }
  }

  private static String type(String path) {
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    return dot > slash ? TYPES.get(path.substring(dot + 1)) : null;
  }
}
