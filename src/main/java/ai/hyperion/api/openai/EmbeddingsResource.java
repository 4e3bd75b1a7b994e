package ai.hyperion.api.openai;

import ai.hyperion.api.ClientDialect;
import ai.hyperion.api.RequestBodyReader;
import ai.hyperion.api.RequestLimits;
import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.gateway.Gateway;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.ExchangeFilter;
import ai.hyperion.provider.Json;
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
import java.util.concurrent.CompletionStage;

/** OpenAI Embeddings through the same pipeline. */
@Path("v1/embeddings")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(OpenAiDialect.class)
public class EmbeddingsResource {

  @Inject RequestBodyReader bodies;
  @Inject Gateway gateway;
  @Inject RequestLimits limits;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> embed(InputStream body, @Context HttpServletRequest request) {
    JsonNode json = bodies.read(request.getHeader("Content-Length"), body);
    EmbeddingCall call =
        new EmbeddingCall(
            ExchangeFilter.of(request),
            OpenAiEmbeddingFormat.readRequest(json, limits.maxEmbeddingInputs()),
            RequestOptionsReader.read(json, limits.maxFallbacks()));
    return gateway
        .embed(call)
        .thenApply(
            response ->
                Response.ok(
                        Json.bytes(OpenAiEmbeddingFormat.writeResponse(response)),
                        MediaType.APPLICATION_JSON_TYPE)
                    .build());
  }
}
