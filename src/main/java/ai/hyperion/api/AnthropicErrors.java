package ai.hyperion.api;

import ai.hyperion.provider.Json;
import ai.hyperion.provider.anthropic.AnthropicIngressCodec;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Any failure → Anthropic's error shape ({@code {"type":"error","error":{...}}}) with the same status. */
public final class AnthropicErrors {

  private AnthropicErrors() {}

  static Response response(Throwable failure) {
    OpenAiError error = OpenAiError.from(failure);
    Response.ResponseBuilder builder = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Json.bytes(AnthropicIngressCodec.writeError(error.status(), anthropicType(error.status()), error.message())));
    if (error.retryAfter() != null) {
      builder.header("Retry-After", error.retryAfter());
    }
    return builder.build();
  }

  /** Anthropic's documented error type for each status. */
  public static String anthropicType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
