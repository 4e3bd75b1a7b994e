package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.tenancy.Requests.OrganizationRequest;
import ai.hyperion.tenancy.Views.OrganizationView;
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

/** Organisations. */
@Path("/admin/api/orgs")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: organisations")
@SecurityRequirement(name = "hyperionKey")
public class OrganizationResource {

  @Inject OrganizationService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(
      summary = "List organisations (platform admins see all, others their own); q searches names")
  public Page<OrganizationView> listOrganizations(
      @QueryParam("q") String query,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), query, PageRequest.parse(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an organisation (platform admins)")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrganizationRequest.class)))
  public Response createOrganization(byte[] body) {
    OrganizationView created =
        service.create(currentCaller.caller(), AdminJson.read(body, OrganizationRequest.class));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("{orgId}")
  @Operation(summary = "Read an organisation")
  public OrganizationView getOrganization(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PATCH
  @Path("{orgId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change an organisation's settings: allow-lists, routing, metadata, limits")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrganizationRequest.class)))
  public OrganizationView updateOrganization(@PathParam("orgId") String orgId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, AdminJson.read(body, OrganizationRequest.class));
  }

  @DELETE
  @Path("{orgId}")
  @Operation(summary = "Delete an empty organisation (platform admins)")
  public Response deleteOrganization(@PathParam("orgId") String orgId) {
    service.delete(currentCaller.caller(), orgId);
    return Response.noContent().build();
  }
}
