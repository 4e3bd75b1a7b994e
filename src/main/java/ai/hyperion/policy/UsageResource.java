package ai.hyperion.policy;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Usage and cost reports from the ledger, as JSON or CSV ({@code format=csv} or {@code Accept:
 * text/csv}).
 */
@Path("/admin/api/usage")
@RequestScoped
@AdminAuthenticated
@Tag(name = "Admin: usage")
@SecurityRequirement(name = "hyperionKey")
public class UsageResource {

  static final String CSV = "text/csv";

  @Inject UsageReports reports;
  @Inject CurrentCaller currentCaller;

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV})
  @Operation(
      summary =
          "Usage and cost over a time range, grouped by org, team, user, key and model, per day or"
              + " hour; platform admins see every org (or one with orgId), others their own")
  public Response usage(
      @QueryParam("orgId") String orgId,
      @Parameter(
              description =
                  "start, inclusive: 2030-01-31 or 2030-01-31T00:00:00Z (default: 7 days before"
                      + " 'to')")
          @QueryParam("from")
          String from,
      @Parameter(description = "end, exclusive (default: now)") @QueryParam("to") String to,
      @Parameter(description = "comma list of org, team, user, key, model") @QueryParam("groupBy")
          String groupBy,
      @Parameter(description = "day, hour or none (UTC)") @QueryParam("bucket") String bucket,
      @QueryParam("teamId") String teamId,
      @QueryParam("userId") String userId,
      @QueryParam("keyId") String keyId,
      @QueryParam("model") String model,
      @Parameter(description = "json (default) or csv") @QueryParam("format") String format,
      @HeaderParam(HttpHeaders.ACCEPT) String accept) {
    UsageReports.Query query =
        new UsageReports.Query(orgId, from, to, groupBy, bucket, teamId, userId, keyId, model);
    return answer(reports.report(currentCaller.caller(), query), format, accept);
  }

  static Response answer(UsageReports.Report report, String format, String accept) {
    boolean csv;
    if (format != null && !format.isBlank()) {
      String wanted = format.trim().toLowerCase(Locale.ROOT);
      if (!wanted.equals("csv") && !wanted.equals("json")) {
        throw AdminApiException.invalid("format", "must be json or csv");
      }
      csv = wanted.equals("csv");
    } else {
      csv = accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }
    if (csv) {
      return Response.ok(UsageReports.csv(report), CSV + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"usage.csv\"")
          .build();
    }
    return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
