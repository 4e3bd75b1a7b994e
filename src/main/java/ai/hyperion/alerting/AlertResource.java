package ai.hyperion.alerting;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.alerting.AlertViews.AlertView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alerts that fired for an organisation: listed, and acknowledged. */
@Path("/admin/api/orgs/{orgId}/alerts")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: alerts")
@SecurityRequirement(name = "hyperionKey")
public class AlertResource {

  @Inject AlertService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "List alerts, newest first (open=true: only unacknowledged)")
  public Page<AlertView> listAlerts(
      @PathParam("orgId") String orgId,
      @QueryParam("open") boolean openOnly,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), orgId, openOnly, PageRequest.parse(offset, limit));
  }

  @POST
  @Path("{alertId}/acknowledge")
  @Operation(summary = "Acknowledge an alert")
  public AlertView acknowledgeAlert(
      @PathParam("orgId") String orgId, @PathParam("alertId") String alertId) {
    return service.acknowledge(currentCaller.caller(), orgId, alertId);
  }
}
