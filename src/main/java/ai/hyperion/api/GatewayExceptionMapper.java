package ai.hyperion.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one mapper from failures to OpenAI-shaped errors, for every resource. */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<Throwable> {

  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri;

  private static final Logger LOG = Logger.getLogger(GatewayExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable failure) {
    Throwable t = OpenAiError.unwrap(failure);
    if (t instanceof WebApplicationException web) {
      return fromJaxRs(web);
    }
    OpenAiError error = OpenAiError.from(t);
    if (anthropicClient()) {
      return AnthropicErrors.response(t);
    }
    if ("internal_error".equals(error.code())) {
      LOG.log(Level.SEVERE, "Unhandled failure in the gateway", t);
    }
    return error.response();
  }

  /**
   * Errors before the resource runs (a bad key) reach Anthropic-format clients in their shape too.
   */
  private boolean anthropicClient() {
    try {
      return uri != null && uri.getPath().endsWith("v1/messages");
    } catch (RuntimeException outsideRequest) {
      return false;
    }
  }

  private static Response fromJaxRs(WebApplicationException web) {
    int status = web.getResponse().getStatus();
    String code =
        switch (status) {
          case 404 -> "not_found";
          case 405 -> "method_not_allowed";
          case 406 -> "not_acceptable";
          case 415 -> "unsupported_media_type";
          default -> "invalid_request";
        };
    String message =
        switch (status) {
          case 404 -> "No such endpoint. See GET /v1/models and POST /v1/chat/completions.";
          case 405 -> "This endpoint does not support that HTTP method.";
          case 415 -> "Send the request body as application/json.";
          default -> web.getMessage() == null ? "Invalid request." : web.getMessage();
        };
    OpenAiError error =
        new OpenAiError(
            status,
            status >= 500 ? "server_error" : "invalid_request_error",
            code,
            null,
            message,
            null);
    return Response.fromResponse(error.response()).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
