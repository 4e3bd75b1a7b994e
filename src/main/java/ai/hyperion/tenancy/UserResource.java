package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.tenancy.Requests.UserRequest;
import ai.hyperion.tenancy.Views.UserView;
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

/** People of an organisation. */
@Path("/admin/api/orgs/{orgId}/users")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: users")
@SecurityRequirement(name = "hyperionKey")
public class UserResource {

  @Inject UserService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(
      summary =
          "List users (team admins see their team, members themselves); q searches e-mail and"
              + " name")
  public Page<UserView> listUsers(
      @PathParam("orgId") String orgId,
      @QueryParam("teamId") String teamId,
      @QueryParam("q") String query,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(
        currentCaller.caller(), orgId, teamId, query, PageRequest.parse(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a user with a role")
  @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class)))
  public Response createUser(@PathParam("orgId") String orgId, byte[] body) {
    UserView created =
        service.create(currentCaller.caller(), orgId, AdminJson.read(body, UserRequest.class));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("{userId}")
  @Operation(summary = "Read a user")
  public UserView getUser(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
    return service.get(currentCaller.caller(), orgId, userId);
  }

  @PATCH
  @Path("{userId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a user's e-mail, name, role, team (\"\" for none) or limits")
  @RequestBody(content = @Content(schema = @Schema(implementation = UserRequest.class)))
  public UserView updateUser(
      @PathParam("orgId") String orgId, @PathParam("userId") String userId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, userId, AdminJson.read(body, UserRequest.class));
  }

  @DELETE
  @Path("{userId}")
  @Operation(summary = "Delete a user and their keys (the keys stop working at once)")
  public Response deleteUser(@PathParam("orgId") String orgId, @PathParam("userId") String userId) {
    service.delete(currentCaller.caller(), orgId, userId);
    return Response.noContent().build();
  }
}
