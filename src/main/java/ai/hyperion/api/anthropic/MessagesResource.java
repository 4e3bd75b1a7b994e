package ai.hyperion.api.anthropic;

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

/**
 * Anthropic Messages format in ({@code POST /v1/messages}), through the same pipeline, routable to
 * any provider; answers, streams and errors in Anthropic's format.
 */
@Path("v1/messages")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(AnthropicDialect.class)
public class MessagesResource {

  @Inject ChatEndpoint endpoint;
  @Inject AnthropicDialect dialect;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> messages(InputStream body, @Context HttpServletRequest request) {
    return endpoint.chat(dialect, body, request);
  }
}
