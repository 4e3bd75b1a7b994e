package ai.hyperion.policy;

import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.policy.BudgetRecords.SpendView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What is left of the budgets that apply to one key, user, team or org. */
@Path("/admin/api/orgs/{orgId}/spend")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: budgets")
@SecurityRequirement(name = "hyperionKey")
public class SpendResource {

  @Inject BudgetService service;
  @Inject CurrentCaller currentCaller;

  @GET
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
