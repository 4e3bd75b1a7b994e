package ai.hyperion.alerting;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.alerting.AlertViews.RuleRequest;
import ai.hyperion.alerting.AlertViews.RuleView;
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

/** An organisation's alert rules. */
@Path("/admin/api/orgs/{orgId}/alert-rules")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: alerts")
@SecurityRequirement(name = "hyperionKey")
public class AlertRuleResource {

  @Inject AlertRuleService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "List alert rules")
  public Page<RuleView> listAlertRules(
      @PathParam("orgId") String orgId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), orgId, PageRequest.parse(offset, limit));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an alert rule")
  @RequestBody(content = @Content(schema = @Schema(implementation = RuleRequest.class)))
  public Response createAlertRule(@PathParam("orgId") String orgId, byte[] body) {
    RuleView created =
        service.create(currentCaller.caller(), orgId, AdminJson.read(body, RuleRequest.class));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("{ruleId}")
  @Operation(summary = "Read an alert rule")
  public RuleView getAlertRule(@PathParam("orgId") String orgId, @PathParam("ruleId") String id) {
    return service.get(currentCaller.caller(), orgId, id);
  }

  @PATCH
  @Path("{ruleId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change an alert rule")
  @RequestBody(content = @Content(schema = @Schema(implementation = RuleRequest.class)))
  public RuleView updateAlertRule(
      @PathParam("orgId") String orgId, @PathParam("ruleId") String id, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, id, AdminJson.read(body, RuleRequest.class));
  }

  @DELETE
  @Path("{ruleId}")
  @Operation(summary = "Delete an alert rule (its alerts stay)")
  public Response deleteAlertRule(
      @PathParam("orgId") String orgId, @PathParam("ruleId") String id) {
    service.delete(currentCaller.caller(), orgId, id);
    return Response.noContent().build();
  }
}
