package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.tenancy.Requests.TeamRequest;
import ai.hyperion.tenancy.Views.TeamView;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Teams of an organisation. */
@Path("/admin/api/orgs/{orgId}/teams")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: teams")
@SecurityRequirement(name = "hyperionKey")
public class TeamResource {

  @Inject TeamService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "List teams (team admins see their own); q searches names")
  public Page<TeamView> listTeams(
      @PathParam("orgId") String orgId,
      @QueryParam("q") String query,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), orgId, query, PageRequest.parse(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a team")
  @RequestBody(content = @Content(schema = @Schema(implementation = TeamRequest.class)))
  public Response createTeam(@PathParam("orgId") String orgId, byte[] body) {
    TeamView created =
        service.create(currentCaller.caller(), orgId, AdminJson.read(body, TeamRequest.class));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("{teamId}")
  @Operation(summary = "Read a team")
  public TeamView getTeam(@PathParam("orgId") String orgId, @PathParam("teamId") String teamId) {
    return service.get(currentCaller.caller(), orgId, teamId);
  }

  @PATCH
  @Path("{teamId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a team's settings: name, allow-lists, metadata, limits")
  @RequestBody(content = @Content(schema = @Schema(implementation = TeamRequest.class)))
  public TeamView updateTeam(
      @PathParam("orgId") String orgId, @PathParam("teamId") String teamId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, teamId, AdminJson.read(body, TeamRequest.class));
  }

  @DELETE
  @Path("{teamId}")
  @Operation(summary = "Delete a team without users or keys")
  public Response deleteTeam(@PathParam("orgId") String orgId, @PathParam("teamId") String teamId) {
    service.delete(currentCaller.caller(), orgId, teamId);
    return Response.noContent().build();
  }
}
