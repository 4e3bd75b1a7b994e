package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.tenancy.Requests.KeyRequest;
import ai.hyperion.tenancy.Views.CreatedKey;
import ai.hyperion.tenancy.Views.KeyView;
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

/** Virtual API keys: the secret is in the answer to create and rotate, and nowhere else. */
@Path("/admin/api/orgs/{orgId}/keys")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: keys")
@SecurityRequirement(name = "hyperionKey")
public class KeyResource {

  @Inject KeyService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(
      summary =
          "List keys by prefix (members see their own, team admins their team's); q searches"
              + " names and prefixes")
  public Page<KeyView> listKeys(
      @PathParam("orgId") String orgId,
      @QueryParam("userId") String userId,
      @QueryParam("teamId") String teamId,
      @QueryParam("includeRevoked") boolean includeRevoked,
      @QueryParam("q") String query,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(
        currentCaller.caller(),
        orgId,
        userId,
        teamId,
        includeRevoked,
        query,
        PageRequest.parse(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a key; the answer holds the secret, shown this once")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeyRequest.class)))
  public Response createKey(@PathParam("orgId") String orgId, byte[] body) {
    CreatedKey created =
        service.create(currentCaller.caller(), orgId, AdminJson.read(body, KeyRequest.class));
    return Response.status(Response.Status.CREATED)
        .entity(created)
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("{keyId}")
  @Operation(summary = "Read a key (prefix only)")
  public KeyView getKey(@PathParam("orgId") String orgId, @PathParam("keyId") String keyId) {
    return service.get(currentCaller.caller(), orgId, keyId);
  }

  @PATCH
  @Path("{keyId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a key's name, allow-lists, metadata, tags, limits or expiry")
  @RequestBody(content = @Content(schema = @Schema(implementation = KeyRequest.class)))
  public KeyView updateKey(
      @PathParam("orgId") String orgId, @PathParam("keyId") String keyId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, keyId, AdminJson.read(body, KeyRequest.class));
  }

  @POST
  @Path("{keyId}/rotate")
  @Operation(summary = "Issue a new key with the same settings; the old one is refused from now on")
  public Response rotateKey(@PathParam("orgId") String orgId, @PathParam("keyId") String keyId) {
    CreatedKey rotated = service.rotate(currentCaller.caller(), orgId, keyId);
    return Response.status(Response.Status.CREATED)
        .entity(rotated)
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("{keyId}/revoke")
  @Operation(summary = "Revoke a key on every instance at once")
  public KeyView revokeKey(@PathParam("orgId") String orgId, @PathParam("keyId") String keyId) {
    return service.revoke(currentCaller.caller(), orgId, keyId);
  }

  @DELETE
  @Path("{keyId}")
  @Operation(summary = "Same as revoke: keys stay listed (revoked) for audit")
  public KeyView deleteKey(@PathParam("orgId") String orgId, @PathParam("keyId") String keyId) {
    return service.revoke(currentCaller.caller(), orgId, keyId);
  }
}
