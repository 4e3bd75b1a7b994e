package ai.hyperion.audit;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.provider.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
 * The admin audit trail of an organisation: search (newest first, paged), export (CSV or JSON
 * Lines, streamed, oldest first) and chain verification. There is no way to change or delete a
 * record through the API. Readable by the org's auditors and admins, and by platform admins (who
 * also read the {@code _platform} chain of calls refused without a valid key).
 */
@Path("/admin/api/orgs/{orgId}/audit-events")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: audit trail")
@SecurityRequirement(name = "hyperionKey")
public class AuditEventResource {

  @Inject AuditEventSearch search;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "Search the audit trail (newest first)")
  public Response searchAuditEvents(
      @PathParam("orgId") String orgId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("userId") String userId,
      @QueryParam("keyPrefix") String keyPrefix,
      @QueryParam("resourceType") String resourceType,
      @QueryParam("resourceId") String resourceId,
      @QueryParam("action") String action,
      @QueryParam("outcome") String outcome,
      @QueryParam("status") String status,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    AuditQuery query =
        query(
            orgId, from, to, userId, keyPrefix, resourceType, resourceId, action, outcome, status);
    PageRequest page = PageRequest.parse(offset, limit);
    return Response.ok(
            Json.bytes(
                Exports.page(
                    search.search(currentCaller.caller(), query, page), AuditEventSearch.COLUMNS)))
        .build();
  }

  @GET
  @Path("export")
  @Produces({"text/csv", "application/x-ndjson"})
  @Operation(summary = "Export the audit trail as CSV or JSON Lines (format=csv|jsonl), streamed")
  public Response exportAuditEvents(
      @PathParam("orgId") String orgId,
      @QueryParam("format") String format,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("userId") String userId,
      @QueryParam("keyPrefix") String keyPrefix,
      @QueryParam("resourceType") String resourceType,
      @QueryParam("resourceId") String resourceId,
      @QueryParam("action") String action,
      @QueryParam("outcome") String outcome,
      @QueryParam("status") String status) {
    ExportFormat exportFormat = ExportFormat.parse(format);
    AuditQuery query =
        query(
            orgId, from, to, userId, keyPrefix, resourceType, resourceId, action, outcome, status);
    return Response.ok(search.export(currentCaller.caller(), query, exportFormat))
        .type(exportFormat.mediaType())
        .header(
            "Content-Disposition",
            "attachment; filename=\"audit-" + orgId + "." + exportFormat.extension() + "\"")
        .build();
  }

  @GET
  @Path("verify")
  @Operation(
      summary = "Verify the organisation's hash chain from the oldest kept record to the head")
  public ChainVerification verifyAuditChain(@PathParam("orgId") String orgId) {
    return search.verify(currentCaller.caller(), orgId);
  }

  private static AuditQuery query(
      String orgId,
      String from,
      String to,
      String userId,
      String keyPrefix,
      String resourceType,
      String resourceId,
      String action,
      String outcome,
      String status) {
    SearchParams params = new SearchParams();
    AuditQuery query =
        new AuditQuery(
            orgId,
            params.time("from", from),
            params.time("to", to),
            SearchParams.text(userId),
            SearchParams.text(keyPrefix),
            SearchParams.text(resourceType),
            SearchParams.text(resourceId),
            params.oneOf("action", action, AuditAction.class),
            params.oneOf("outcome", outcome, AuditOutcome.class),
            params.integer("status", status));
    params.throwIfAny();
    return query;
  }
}
