package ai.hyperion.audit.settings;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
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

/** An organisation's compliance settings: PII mode and detectors, body logging, retention. */
@Path("/admin/api/orgs/{orgId}/compliance-settings")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: compliance")
@SecurityRequirement(name = "hyperionKey")
public class ComplianceSettingsResource {

  @Inject ComplianceSettingsService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "Read the organisation's compliance settings")
  public SettingsView getComplianceSettings(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PATCH
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change PII mode, detectors, own patterns, body logging or retention")
  @RequestBody(content = @Content(schema = @Schema(implementation = SettingsRequest.class)))
  public SettingsView updateComplianceSettings(@PathParam("orgId") String orgId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, AdminJson.read(body, SettingsRequest.class));
  }
}
