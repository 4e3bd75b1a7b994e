package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's organisation's dedicated endpoints: read, list, rescale, delete, recent logs and
 * events. Another organisation's endpoint is a 404.
 */
@Path("/api/endpoints")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dedicated endpoints")
@SecurityRequirement(name = "hyperionKey")
public class EndpointResource {

  @Inject EndpointService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "List dedicated endpoints (filter by teamId, status)")
  public Page<EndpointView> listEndpoints(
      @QueryParam("orgId") String orgId,
      @QueryParam("teamId") String teamId,
      @QueryParam("status") String status,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(
        currentCaller.caller(), orgId, teamId, status, PageRequest.parse(offset, limit));
  }

  @GET
  @Path("{endpointId}")
  @Operation(summary = "Read a dedicated endpoint: status, hardware, scaling")
  public EndpointView getEndpoint(@PathParam("endpointId") String endpointId) {
    return service.get(currentCaller.caller(), null, endpointId);
  }

  @PATCH
  @Path("{endpointId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change scaling (minReplicas, maxReplicas, idleSeconds) or the name")
  @RequestBody(content = @Content(schema = @Schema(implementation = UpdateRequest.class)))
  public EndpointView updateEndpoint(@PathParam("endpointId") String endpointId, byte[] body) {
    return service.update(
        currentCaller.caller(), null, endpointId, AdminJson.read(body, UpdateRequest.class));
  }

  @DELETE
  @Path("{endpointId}")
  @Operation(summary = "Delete: status deleting at once, gone when its resources are released")
  public Response deleteEndpoint(@PathParam("endpointId") String endpointId) {
    return Response.accepted(service.delete(currentCaller.caller(), null, endpointId)).build();
  }

  @GET
  @Path("{endpointId}/logs")
  @Operation(summary = "The server's recent output (lines: 1-1000, default 200)")
  public LogView endpointLogs(
      @PathParam("endpointId") String endpointId, @QueryParam("lines") String lines) {
    return service.logs(currentCaller.caller(), null, endpointId, lines);
  }

  @GET
  @Path("{endpointId}/events")
  @Operation(summary = "The endpoint's history: state changes and platform messages")
  public Page<EventView> endpointEvents(
      @PathParam("endpointId") String endpointId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.events(
        currentCaller.caller(), null, endpointId, PageRequest.parse(offset, limit));
  }
}
