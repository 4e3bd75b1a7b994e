package ai.hyperion.routing;

import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.routing.RoutingPolicyApi.PolicyRequest;
import ai.hyperion.routing.RoutingPolicyApi.PolicyView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An org's routing policy and shadow results in the admin API ({@link AccessPolicy} ORG area). */
@Path("/admin/api/orgs/{orgId}/routing")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: routing")
@SecurityRequirement(name = "hyperionKey")
public class OrgRoutingResource {

  @Inject RoutingPolicyService service;
  @Inject RoutingPolicies policies;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "Read an org's routing policy")
  public PolicyView getRoutingPolicy(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Replace an org's routing policy: default fallbacks, A/B splits, shadow traffic; allowed"
              + " providers and smart/auto switches when given")
  @RequestBody(content = @Content(schema = @Schema(implementation = PolicyRequest.class)))
  public PolicyView putRoutingPolicy(@PathParam("orgId") String orgId, byte[] body) {
    PolicyView view =
        service.update(currentCaller.caller(), orgId, AdminJson.read(body, PolicyRequest.class));
    policies.invalidate(orgId);
    return view;
  }

  @GET
  @Path("shadow-results")
  @Operation(summary = "List an org's shadow comparisons, oldest first (filter by shadow model)")
  public Page<ShadowResult> listShadowResults(
      @PathParam("orgId") String orgId,
      @QueryParam("model") String model,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.shadowResults(
        currentCaller.caller(), orgId, model, PageRequest.parse(offset, limit));
  }
}
