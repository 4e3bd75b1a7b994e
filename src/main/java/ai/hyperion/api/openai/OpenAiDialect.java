package ai.hyperion.api.openai;

import ai.hyperion.api.DefaultDialect;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** OpenAI Chat Completions as the client speaks it: the default dialect of the data plane. */
@ApplicationScoped
@Default
@DefaultDialect
public class OpenAiDialect implements Dialect {

  @Override
  public ChatRequest readChat(JsonNode body) {
    return OpenAiRequestReader.read(body, RequestOptionsReader.FIELDS);
  }

  @Override
  public byte[] writeAnswer(ChatResponse response, Exchange exchange) {
    return Json.bytes(OpenAiResponseWriter.write(response));
  }

  @Override
  public StreamFormat streamFormat(ChatRequest request, Exchange exchange) {
    return new OpenAiStreamFormat(exchange.servedModel(), request.includeUsage());
  }

  @Override
  public Response error(GatewayError error) {
    Response.ResponseBuilder builder =
        Response.status(HttpStatuses.of(error.status()))
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(Json.bytes(errorBody(error)));
    if (error.retryAfter() != null) {
      builder.header("Retry-After", error.retryAfter());
    }
    if (error.retryAfterMillis() != null) {
      builder.header("retry-after-ms", error.retryAfterMillis());
    }
    return builder.build();
  }

  /** OpenAI's error shape: {@code {"error":{"message","type","param","code"}}}. */
  static ObjectNode errorBody(GatewayError error) {
    ObjectNode body = Json.object();
    ObjectNode fields = body.putObject("error");
    fields.put("message", error.message());
    fields.put("type", error.type());
    fields.put("param", error.param());
    fields.put("code", error.code());
    return body;
  }
}
