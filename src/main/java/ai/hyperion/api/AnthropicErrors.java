package ai.hyperion.api;

import ai.hyperion.provider.Json;
import ai.hyperion.provider.anthropic.AnthropicIngressCodec;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Any failure → Anthropic's error shape ({@code {"type":"error","error":{...}}}) with the same
 * status.
 */
final class AnthropicErrors {

  private AnthropicErrors() {}

  static Response response(Throwable failure) {
    OpenAiError error = OpenAiError.from(failure);
    Response.ResponseBuilder builder =
        Response.status(error.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(
                Json.bytes(
                    AnthropicIngressCodec.writeError(
                        error.status(), error.type(), error.message())));
    if (error.retryAfter() != null) {
      builder.header("Retry-After", error.retryAfter());
    }
    return builder.build();
  }
}
