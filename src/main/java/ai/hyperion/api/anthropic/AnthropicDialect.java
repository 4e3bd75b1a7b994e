package ai.hyperion.api.anthropic;

import ai.hyperion.api.Dialect;
import ai.hyperion.api.HttpStatuses;
import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.stream.StreamFormat;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Anthropic's Messages API as the client speaks it, so Anthropic SDKs and coding agents work
 * unchanged whatever provider serves them.
 */
@ApplicationScoped
public class AnthropicDialect implements Dialect {

  @Override
  public ChatRequest readChat(JsonNode body) {
    return AnthropicRequestReader.read(body, RequestOptionsReader.FIELDS);
  }

  @Override
  public byte[] writeAnswer(ChatResponse response, Exchange exchange) {
    return Json.bytes(AnthropicResponseWriter.writeResponse(response, exchange.servedModel()));
  }

  @Override
  public StreamFormat streamFormat(ChatRequest request, Exchange exchange) {
    return new AnthropicStreamFormat(exchange.servedModel());
  }

  @Override
  public Response error(GatewayError error) {
    Response.ResponseBuilder builder =
        Response.status(HttpStatuses.of(error.status()))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(
                Json.bytes(
                    AnthropicResponseWriter.writeError(
                        error.status(), error.type(), error.message())));
    if (error.retryAfter() != null) {
      builder.header("Retry-After", error.retryAfter());
    }
    if (error.retryAfterMillis() != null) {
      builder.header("retry-after-ms", error.retryAfterMillis());
    }
    return builder.build();
  }
}
