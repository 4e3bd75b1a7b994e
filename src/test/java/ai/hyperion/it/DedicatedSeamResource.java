package ai.hyperion.it;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.api.openai.OpenAiDialect;
import ai.hyperion.dedicated.DedicatedEndpoints;
import ai.hyperion.pipeline.GatewayError;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * Test-only stand-in for the data path's {@code /api/d/{id}} resource (added to the deployment by
 * {@link DedicatedEndpointsIT}): authenticates the key, then calls the real seam, {@link
 * DedicatedEndpoints#resolve}, and answers with the serving target. Failures become the gateway's
 * OpenAI-shaped errors (404, 502, 503 with Retry-After).
 */
@Path("/it/dedicated/{endpointId}/resolve")
@RequestScoped
@AdminAuthenticated
public class DedicatedSeamResource {

  @Inject DedicatedEndpoints endpoints;
  @Inject CurrentCaller currentCaller;

  @POST
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> resolve(@PathParam("endpointId") String endpointId) {
    return endpoints
        .resolve(endpointId, currentCaller.caller().orgId())
        .thenApply(
            target ->
                Response.ok(
                        Json.createObjectBuilder()
                            .add("endpointId", target.endpointId())
                            .add("model", target.model())
                            .add("baseUrl", target.baseUrl().toString())
                            .build()
                            .toString())
                    .build())
        // As the chat resources do: a failure becomes the gateway's error response here.
        .exceptionally(failure -> new OpenAiDialect().error(GatewayError.of(failure)));
  }
}
