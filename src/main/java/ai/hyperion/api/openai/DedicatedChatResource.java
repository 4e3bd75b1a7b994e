package ai.hyperion.api.openai;

import ai.hyperion.api.ChatEndpoint;
import ai.hyperion.api.ClientDialect;
import ai.hyperion.dedicated.DedicatedEndpoints;
import ai.hyperion.dedicated.ServingTarget;
import ai.hyperion.pipeline.Authenticated;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.DataPlane;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;

/**
 * OpenAI Chat Completions to a dedicated endpoint ({@code /api/d/{endpointId}/chat/completions},
 * also {@code .../v1/chat/completions} so that an SDK's base URL can be {@code /api/d/{id}/v1}).
 * The key's organisation must own the endpoint (404 otherwise, as for one that does not exist). The
 * endpoint is found, and woken when it sleeps, before the call enters the pipeline, holding no
 * thread while it wakes (503 with Retry-After if it is not up in time, 502 if it failed); the call
 * is then pinned to its server and goes through policy, cache, routing, execution and metering as
 * any other. The body's {@code model} may be left out: the endpoint serves its own.
 */
@Path("api/d/{endpointId}")
@ApplicationScoped
@DataPlane
@Authenticated
@ClientDialect(OpenAiDialect.class)
public class DedicatedChatResource {

  @Inject ChatEndpoint endpoint;
  @Inject OpenAiDialect dialect;
  @Inject DedicatedEndpoints dedicated;

  @POST
  @Path("chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chatOnEndpoint(
      @PathParam("endpointId") String endpointId,
      InputStream body,
      @Context HttpServletRequest request) {
    ObjectNode json = endpoint.read(body, request);
    if (!json.hasNonNull("model")) {
      json.put("model", endpointId);
    }
    return endpoint.chat(dialect, json, request, call -> place(endpointId, call));
  }

  @POST
  @Path("v1/chat/completions")
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> chatOnEndpointV1(
      @PathParam("endpointId") String endpointId,
      InputStream body,
      @Context HttpServletRequest request) {
    return chatOnEndpoint(endpointId, body, request);
  }

  private CompletionStage<ChatCall> place(String endpointId, ChatCall call) {
    Exchange exchange = call.exchange();
    exchange.routeMode(RouteMode.DEDICATED);
    return exchange
        .timedAsync(Stage.DEDICATED, () -> dedicated.resolve(endpointId, exchange.tenant().orgId()))
        .thenApply(target -> call.pinnedTo(upstream(target)));
  }

  private static PinnedUpstream upstream(ServingTarget target) {
    return new PinnedUpstream(target.endpointId(), target.baseUrl(), target.model());
  }
}
