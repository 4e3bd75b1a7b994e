package ai.hyperion.api;

import ai.hyperion.auth.Authenticated;
import ai.hyperion.pipeline.ChatGateway;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.openai.OpenAiEmbeddingCodec;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** OpenAI Embeddings through the same pipeline. */
@Path("v1/embeddings")
@ApplicationScoped
@DataPlane
@Authenticated
public class EmbeddingsResource {

  @Inject RequestBodyReader bodies;
  @Inject ChatGateway gateway;
  @Inject CompletionPublisher completions;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> embed(InputStream body, @Context HttpServletRequest request) {
    Exchange exchange = ExchangeFilter.of(request);
    JsonNode json = bodies.read(request.getHeader("Content-Length"), body);
    var options = RequestOptionsReader.read(json);
    EmbeddingRequest embedding = OpenAiEmbeddingCodec.readRequest(json);
    return gateway
        .embed(new EmbeddingCall(exchange, embedding, options))
        .handle(
            (response, failure) -> {
              if (failure != null) {
                completions.completed(
                    exchange, "embeddings", OpenAiError.from(failure).status(), null, false, false);
                return CompletableFuture.<Response>failedFuture(OpenAiError.unwrap(failure));
              }
              completions.completed(exchange, "embeddings", 200, response.usage(), false, false);
              return CompletableFuture.completedFuture(
                  Response.ok(
                          Json.bytes(OpenAiEmbeddingCodec.writeResponse(response)),
                          MediaType.APPLICATION_JSON_TYPE)
                      .build());
            })
        .thenCompose(Function.identity());
  }
}
