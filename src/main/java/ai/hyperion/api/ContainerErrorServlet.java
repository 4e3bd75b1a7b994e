package ai.hyperion.api;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page (web.xml) for failures the web container answers itself, before any resource is
 * reached: a path it refuses to decode (an encoded slash, {@code ..%2F}), a malformed request line.
 * Answers in the API's shape instead of the container's HTML page, and says nothing about the
 * request beyond its status.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

  static final String PATH = "/_hyperion/container-error";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer c && c >= 400 ? c : HttpServletResponse.SC_NOT_FOUND;
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put(
        "message",
        switch (status) {
          case 404 -> "No such endpoint. See GET /v1/models and POST /v1/chat/completions.";
          case 405 -> "This endpoint does not support that HTTP method.";
          case 400 -> "The request could not be read (its path or headers are malformed).";
          default ->
              status >= 500
                  ? "The gateway failed to handle the request."
                  : "The request was refused.";
        });
    error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
    error.putNull("param");
    error.put(
        "code",
        switch (status) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          default -> status >= 500 ? "internal_error" : "invalid_request";
        });
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(Json.bytes(body));
  }
}
