package ai.hyperion.policy;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.policy.BudgetRecords.BudgetRequest;
import ai.hyperion.policy.BudgetRecords.BudgetView;
import ai.hyperion.policy.BudgetRecords.SpendView;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Money budgets of an organisation, and what they have left. */
@Path("/admin/api/orgs/{orgId}")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: budgets")
@SecurityRequirement(name = "hyperionKey")
public class BudgetResource {

  @Inject BudgetService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Path("budgets")
  @Operation(summary = "List the budgets the caller may see in the organisation")
  public Page<BudgetView> listBudgets(
      @PathParam("orgId") String orgId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), orgId, PageRequest.parse(offset, limit));
  }

  @POST
  @Path("budgets")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Create a budget: amount in USD per day, week, month or in total, attached to a key,"
              + " user, team or the org, or referenced by budgetRef")
  @RequestBody(content = @Content(schema = @Schema(implementation = BudgetRequest.class)))
  public Response createBudget(@PathParam("orgId") String orgId, byte[] body) {
    BudgetView created =
        service.create(currentCaller.caller(), orgId, AdminJson.read(body, BudgetRequest.class));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("budgets/{budgetId}")
  @Operation(summary = "Read a budget")
  public BudgetView getBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    return service.get(currentCaller.caller(), orgId, budgetId);
  }

  @PATCH
  @Path("budgets/{budgetId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a budget (absent fields stay as they are)")
  @RequestBody(content = @Content(schema = @Schema(implementation = BudgetRequest.class)))
  public BudgetView updateBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, budgetId, AdminJson.read(body, BudgetRequest.class));
  }

  @DELETE
  @Path("budgets/{budgetId}")
  @Operation(summary = "Delete a budget; it stops applying at once on this instance")
  public Response deleteBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    service.delete(currentCaller.caller(), orgId, budgetId);
    return Response.noContent().build();
  }

  @GET
  @Path("budgets/{budgetId}/spend")
  @Operation(
      summary = "A budget's current period: spent, reserved by requests in flight, remaining")
  public SpendView budgetSpend(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    return service.spend(currentCaller.caller(), orgId, budgetId);
  }

  @GET
  @Path("spend")
  @Operation(
      summary =
          "Current spend and remaining of every budget that applies to one key, user, team or org"
              + " (attached to it, or named by its budgetRef)")
  public List<SpendView> subjectSpend(
      @PathParam("orgId") String orgId,
      @Parameter(description = "key, user, team or org") @QueryParam("level") String level,
      @Parameter(description = "the key, user, team or org id") @QueryParam("id") String id) {
    if (level == null || id == null || id.isBlank()) {
      throw AdminApiException.invalid(level == null ? "level" : "id", "is required");
    }
    TenantLevel parsed;
    try {
      parsed = TenantLevel.parse(level);
    } catch (IllegalArgumentException e) {
      throw AdminApiException.invalid("level", "must be key, user, team or org");
    }
    return service.spendOf(currentCaller.caller(), orgId, parsed, id);
  }
}
