package ai.hyperion.policy;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Money budgets of an organisation, and what they have left. */
@Path("/admin/api/orgs/{orgId}/budgets")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: budgets")
@SecurityRequirement(name = "hyperionKey")
public class BudgetResource {

  @Inject BudgetService service;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "List the budgets the caller may see in the organisation")
  public Page<BudgetView> listBudgets(
      @PathParam("orgId") String orgId,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.list(currentCaller.caller(), orgId, PageRequest.parse(offset, limit));
  }

  @POST
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
  @Path("{budgetId}")
  @Operation(summary = "Read a budget")
  public BudgetView getBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    return service.get(currentCaller.caller(), orgId, budgetId);
  }

  @PATCH
  @Path("{budgetId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a budget (absent fields stay as they are)")
  @RequestBody(content = @Content(schema = @Schema(implementation = BudgetRequest.class)))
  public BudgetView updateBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId, byte[] body) {
    return service.update(
        currentCaller.caller(), orgId, budgetId, AdminJson.read(body, BudgetRequest.class));
  }

  @DELETE
  @Path("{budgetId}")
  @Operation(summary = "Delete a budget; it stops applying at once on this instance")
  public Response deleteBudget(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    service.delete(currentCaller.caller(), orgId, budgetId);
    return Response.noContent().build();
  }

  @GET
  @Path("{budgetId}/spend")
  @Operation(
      summary = "A budget's current period: spent, reserved by requests in flight, remaining")
  public SpendView budgetSpend(
      @PathParam("orgId") String orgId, @PathParam("budgetId") String budgetId) {
    return service.spend(currentCaller.caller(), orgId, budgetId);
  }
}
