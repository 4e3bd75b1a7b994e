package ai.hyperion.stream;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.stream.StreamSettingsViews.SettingsRequest;
import ai.hyperion.stream.StreamSettingsViews.SettingsView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An organisation's response persistence: which answers are kept, and for how long. */
@Path("/admin/api/orgs/{orgId}/streams")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: response persistence")
@SecurityRequirement(name = "hyperionKey")
public class StreamSettingsResource {

  @Inject StreamSettingsService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Path("settings")
  @Operation(summary = "Read the organisation's persistence mode and retention (defaults first)")
  public SettingsView getStreamSettings(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PATCH
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change persistence (always, on-disconnect, never) and retention in days")
  @RequestBody(content = @Content(schema = @Schema(implementation = SettingsRequest.class)))
  public SettingsView updateStreamSettings(@PathParam("orgId") String orgId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, AdminJson.read(body, SettingsRequest.class));
  }
}
