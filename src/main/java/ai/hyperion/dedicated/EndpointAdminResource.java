package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.dedicated.EndpointRequests.ProvisionRequest;
import ai.hyperion.dedicated.EndpointRequests.UpdateRequest;
import ai.hyperion.dedicated.EndpointViews.EndpointView;
import ai.hyperion.dedicated.EndpointViews.EventView;
import ai.hyperion.dedicated.EndpointViews.LogView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admin UI's view of an organisation's dedicated endpoints: the same operations as /api. */
@Path("/admin/api/orgs/{orgId}/endpoints")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: dedicated endpoints")
@SecurityRequirement(name = "hyperionKey")
public class EndpointAdminResource {

  @Inject EndpointService service;
  @Inject CurrentCaller currentCaller;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Provision a dedicated endpoint for the organisation")
  @RequestBody(content = @Content(schema = @Schema(implementation = ProvisionRequest.class)))
  public Response provisionOrgEndpoint(@PathParam("orgId") String orgId, byte[] body) {
    EndpointView created =
        service.provision(
            currentCaller.caller(), orgId, AdminJson.read(body, ProvisionRequest.class));
    return Response.created(URI.create("/admin/api/orgs/" + orgId + "/endpoints/" + created.id()))
        .entity(created)
        .build();
  }

  @GET
  @Operation(summary = "List the organisation's dedicated endpoints")
  public Page<EndpointView> listOrgEndpoints(
      @PathParam("orgId") String orgId,
      @QueryParam("teamId") String teamId,
      @QueryParam("status") String status,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(
        currentCaller.caller(), orgId, teamId, status, PageRequest.parse(offset, limit));
  }

  @GET
  @Path("{endpointId}")
  @Operation(summary = "Read a dedicated endpoint")
  public EndpointView getOrgEndpoint(
      @PathParam("orgId") String orgId, @PathParam("endpointId") String endpointId) {
    return service.get(currentCaller.caller(), orgId, endpointId);
  }

  @PATCH
  @Path("{endpointId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change scaling or the name")
  @RequestBody(content = @Content(schema = @Schema(implementation = UpdateRequest.class)))
  public EndpointView updateOrgEndpoint(
      @PathParam("orgId") String orgId, @PathParam("endpointId") String endpointId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, endpointId, AdminJson.read(body, UpdateRequest.class));
  }

  @DELETE
  @Path("{endpointId}")
  @Operation(summary = "Delete a dedicated endpoint")
  public Response deleteOrgEndpoint(
      @PathParam("orgId") String orgId, @PathParam("endpointId") String endpointId) {
    return Response.accepted(service.delete(currentCaller.caller(), orgId, endpointId)).build();
  }

  @GET
  @Path("{endpointId}/logs")
  @Operation(summary = "The server's recent output")
  public LogView orgEndpointLogs(
      @PathParam("orgId") String orgId,
      @PathParam("endpointId") String endpointId,
      @QueryParam("lines") String lines) {
    return service.logs(currentCaller.caller(), orgId, endpointId, lines);
  }

  @GET
  @Path("{endpointId}/events")
  @Operation(summary = "The endpoint's history")
  public Page<EventView> orgEndpointEvents(
      @PathParam("orgId") String orgId,
      @PathParam("endpointId") String endpointId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.events(
        currentCaller.caller(), orgId, endpointId, PageRequest.parse(offset, limit));
  }
}
