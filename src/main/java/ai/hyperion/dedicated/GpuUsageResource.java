package ai.hyperion.dedicated;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * GPU time and its cost of an organisation's dedicated endpoints over a period (its own root, so it
 * wins over the other org sub-paths); token usage of the same requests is in the usage report.
 */
@Path("/admin/api/orgs/{orgId}/gpu-usage")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: usage")
@SecurityRequirement(name = "hyperionKey")
public class GpuUsageResource {

  @Inject GpuUsageReports reports;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(
      summary =
          "GPU-hours and cost of dedicated endpoints per endpoint (and per UTC day), from the time"
              + " they were up or waking up")
  public GpuUsageReports.Report gpuUsage(
      @PathParam("orgId") String orgId,
      @Parameter(
              description =
                  "start, inclusive: 2030-01-31 or 2030-01-31T00:00:00Z (default: 7 days before"
                      + " 'to')")
          @QueryParam("from")
          String from,
      @Parameter(description = "end, exclusive (default: now)") @QueryParam("to") String to,
      @Parameter(description = "day or none (UTC)") @QueryParam("bucket") String bucket,
      @QueryParam("teamId") String teamId,
      @QueryParam("endpointId") String endpointId) {
    return reports.report(
        currentCaller.caller(),
        new GpuUsageReports.Query(orgId, from, to, bucket, teamId, endpointId));
  }
}
