package ai.hyperion.policy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One organisation's usage report (its own root, so it wins over the other org sub-paths). */
@Path("/admin/api/orgs/{orgId}/usage")
@RequestScoped
@AdminAuthenticated
@Tag(name = "Admin: usage")
@SecurityRequirement(name = "hyperionKey")
public class OrgUsageResource {

  @Inject UsageReports reports;
  @Inject CurrentCaller currentCaller;

  @GET
  @Produces({MediaType.APPLICATION_JSON, UsageResource.CSV})
  @Operation(summary = "Usage and cost of one organisation (same parameters as /admin/api/usage)")
  public Response orgUsage(
      @PathParam("orgId") String orgId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy,
      @QueryParam("bucket") String bucket,
      @QueryParam("teamId") String teamId,
      @QueryParam("userId") String userId,
      @QueryParam("keyId") String keyId,
      @QueryParam("model") String model,
      @QueryParam("format") String format,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    UsageReports.Query query =
        new UsageReports.Query(orgId, from, to, groupBy, bucket, teamId, userId, keyId, model);
    return UsageResource.answer(reports.report(currentCaller.caller(), query), format, accept);
  }
}
