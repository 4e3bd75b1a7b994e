package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointViews.EndpointView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/provision}: a dedicated endpoint for the caller's organisation (or team),
 * authenticated with a virtual key whose owner may write endpoints (platform, org or team admin).
 * The answer is immediate: the permanent id, its URL and status {@code building}.
 */
@Path("/api/provision")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dedicated endpoints")
@SecurityRequirement(name = "hyperionKey")
public class ProvisionResource {

  @Inject EndpointService service;
  @Inject CurrentCaller currentCaller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Provision a dedicated endpoint; it answers at once with status building")
  @RequestBody(content = @Content(schema = @Schema(implementation = ProvisionRequest.class)))
  public Response provisionEndpoint(byte[] body) {
    EndpointView created =
        service.provision(
            currentCaller.caller(), null, AdminJson.read(body, ProvisionRequest.class));
    return Response.created(URI.create("/api/endpoints/" + created.id())).entity(created).build();
  }
}
