package bench.ceiling;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The platform's floor under JAX-RS: a plain servlet that reads the request body and answers the
 * fixed JSON. bench/run.sh measures it beside the gateway, in the same Liberty server.
 */
@WebServlet(urlPatterns = "/servlet/v1/chat/completions")
public class CeilingServlet extends HttpServlet {

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.getInputStream().readAllBytes();
    response.setStatus(200);
    response.setContentType("application/json");
    response.setContentLength(CeilingAnswer.BODY.length);
    response.getOutputStream().write(CeilingAnswer.BODY);
  }
}
