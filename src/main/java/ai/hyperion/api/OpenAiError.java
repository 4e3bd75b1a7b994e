package ai.hyperion.api;

import ai.hyperion.auth.AuthenticationException;
import ai.hyperion.pipeline.GatewayException;
import ai.hyperion.provider.InvalidRequestException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderException;
import ai.hyperion.provider.Redaction;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Any failure → the OpenAI error shape with the right status; never a stack trace. */
public record OpenAiError(
    int status, String type, String code, String param, String message, Integer retryAfter) {

  public static OpenAiError from(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof GatewayException g) {
      return new OpenAiError(
          g.status(), g.type(), g.code(), g.param(), g.getMessage(), g.retryAfterSeconds());
    }
    if (t instanceof ProviderException p) {
      Integer retryAfter =
          p.retryAfterSeconds() != null
              ? p.retryAfterSeconds()
              : p.status() == 429 || p.status() == 503 ? 1 : null;
      return new OpenAiError(
          p.status(), p.type(), p.code(), p.param(), Redaction.redact(p.getMessage()), retryAfter);
    }
    if (t instanceof InvalidRequestException i) {
      return new OpenAiError(
          400, "invalid_request_error", "invalid_request", i.param(), i.getMessage(), null);
    }
    if (t instanceof AuthenticationException a) {
      return new OpenAiError(401, "invalid_request_error", a.code(), null, a.getMessage(), null);
    }
    return new OpenAiError(
        500,
        "server_error",
        "internal_error",
        null,
        "The gateway failed to handle the request. Quote the x-hyperion-request-id header when"
            + " reporting it.",
        null);
  }

  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public ObjectNode body() {
    ObjectNode body = Json.object();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return body;
  }

  public Response response() {
    Response.ResponseBuilder builder =
        Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.bytes(body()));
    if (retryAfter != null) {
      builder.header("Retry-After", retryAfter);
    }
    return builder.build();
  }
}
