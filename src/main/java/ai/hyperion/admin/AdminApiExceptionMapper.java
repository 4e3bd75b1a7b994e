package ai.hyperion.admin;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Admin API errors in the gateway's one error shape, {@code {"error":{message,type,param,code}}},
 * plus {@code fields}: every invalid field with its message.
 */
@Provider
public class AdminApiExceptionMapper implements ExceptionMapper<AdminApiException> {

  @Override
  public Response toResponse(AdminApiException exception) {
    return response(exception);
  }

  public static Response response(AdminApiException e) {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", e.getMessage());
    error.put("type", type(e.status()));
    error.put("param", e.param());
    error.put("code", e.code());
    if (!e.fieldErrors().isEmpty()) {
      ArrayNode fields = error.putArray("fields");
      e.fieldErrors()
          .forEach(f -> fields.addObject().put("field", f.field()).put("message", f.message()));
    }
    Response.ResponseBuilder builder =
        Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.bytes(body));
    if (e.status() == 401) {
      builder.header("WWW-Authenticate", "Bearer");
    }
    if (e.retryAfterSeconds() != null) {
      builder.header("Retry-After", e.retryAfterSeconds());
    }
    return builder.build();
  }

  private static String type(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 409 -> "conflict_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }
}
