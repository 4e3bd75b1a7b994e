package ai.hyperion.api.openai;

import ai.hyperion.api.ChatEndpoint;
import ai.hyperion.api.ClientDialect;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.DataPlane;
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

/** OpenAI Chat Completions ({@code /v1/chat/completions}, also {@code /api/chat/completions}). */
@Path("")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(OpenAiDialect.class)
public class ChatCompletionsResource {

  @Inject ChatEndpoint endpoint;
  @Inject OpenAiDialect dialect;

  @POST
  @Path("v1/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chat(InputStream body, @Context HttpServletRequest request) {
    return endpoint.chat(dialect, body, request);
  }

  @POST
  @Path("api/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chatAlias(
      InputStream body, @Context HttpServletRequest request) {
    return endpoint.chat(dialect, body, request);
  }
}
