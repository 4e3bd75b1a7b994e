package ai.hyperion.audit.log;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.audit.ExportFormat;
import ai.hyperion.audit.Exports;
import ai.hyperion.audit.SearchParams;
import ai.hyperion.provider.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An organisation's request log: search (newest first, paged) and export (CSV or JSON Lines,
 * streamed, oldest first), for its auditors and org admins and for platform admins.
 */
@Path("/admin/api/orgs/{orgId}/request-log")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: request log")
@SecurityRequirement(name = "hyperionKey")
public class RequestLogResource {

  /** The filters both operations take. */
  public static class Filters {
    @PathParam("orgId")
    String orgId;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    @QueryParam("teamId")
    String teamId;

    @QueryParam("userId")
    String userId;

    @QueryParam("keyPrefix")
    String keyPrefix;

    @QueryParam("model")
    String model;

    @QueryParam("provider")
    String provider;

    @QueryParam("status")
    String status;

    @QueryParam("cache")
    String cache;

    RequestLogQuery query() {
      SearchParams params = new SearchParams();
      RequestLogQuery query =
          new RequestLogQuery(
              orgId,
              params.time("from", from),
              params.time("to", to),
              SearchParams.text(teamId),
              SearchParams.text(userId),
              SearchParams.text(keyPrefix),
              SearchParams.text(model),
              SearchParams.text(provider),
              params.integer("status", status),
              SearchParams.text(cache));
      params.throwIfAny();
      return query;
    }
  }

  @Inject RequestLogSearch search;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "Search the request log (newest first)")
  public Response searchRequestLog(
      @BeanParam Filters filters,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    RequestLogQuery query = filters.query();
    PageRequest page = PageRequest.parse(offset, limit);
    return Response.ok(
            Json.bytes(
                Exports.page(
                    search.search(currentCaller.caller(), query, page), RequestLogSearch.COLUMNS)))
        .build();
  }

  @GET
  @Path("export")
  @Produces({"text/csv", "application/x-ndjson"})
  @Operation(summary = "Export the request log as CSV or JSON Lines (format=csv|jsonl), streamed")
  public Response exportRequestLog(
      @BeanParam Filters filters, @QueryParam("format") String format) {
    ExportFormat exportFormat = ExportFormat.parse(format);
    RequestLogQuery query = filters.query();
    return Response.ok(search.export(currentCaller.caller(), query, exportFormat))
        .type(exportFormat.mediaType())
        .header(
            "Content-Disposition",
            "attachment; filename=\"request-log-"
                + filters.orgId
                + "."
                + exportFormat.extension()
                + "\"")
        .build();
  }
}
