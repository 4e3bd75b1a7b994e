package ai.hyperion.routing;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.AdminJson;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Page;
import ai.hyperion.admin.PageRequest;
import ai.hyperion.admin.Scope;
import ai.hyperion.routing.RoutingPolicyApi.PolicyRequest;
import ai.hyperion.routing.RoutingPolicyApi.PolicyView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Routing in the admin API: an org's routing policy and shadow results (org scope, {@link
 * AccessPolicy} ORG area), and the live state of every deployment (breakers, latency, keys,
 * affinity) on this instance.
 */
@Path("/admin/api")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: routing")
@SecurityRequirement(name = "hyperionKey")
public class RoutingResource {

  /** Every deployment on this instance and the prefix-affinity table's counters. */
  public record DeploymentsView(
      List<Deployment.Snapshot> deployments, PrefixAffinity.Stats affinity) {}

  @Inject RoutingPolicyService service;
  @Inject RoutingPolicies policies;
  @Inject DeploymentBalancer balancer;
  @Inject CurrentCaller currentCaller;

  @GET
  @Path("orgs/{orgId}/routing")
  @Operation(summary = "Read an org's routing policy")
  public PolicyView getRoutingPolicy(@PathParam("orgId") String orgId) {
    return service.get(currentCaller.caller(), orgId);
  }

  @PUT
  @Path("orgs/{orgId}/routing")
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
  @Path("orgs/{orgId}/routing/shadow-results")
  @Operation(summary = "List an org's shadow comparisons, oldest first (filter by shadow model)")
  public Page<ShadowResult> listShadowResults(
      @PathParam("orgId") String orgId,
      @QueryParam("model") String model,
      @QueryParam("offset") String offset,
      @QueryParam("limit") String limit) {
    return service.shadowResults(
        currentCaller.caller(), orgId, model, PageRequest.parse(offset, limit));
  }

  @GET
  @Path("routing/deployments")
  @Operation(summary = "Breaker, latency, in-flight and key state of every deployment")
  public DeploymentsView listDeployments() {
    Caller caller = currentCaller.caller();
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(caller.orgId()));
    return new DeploymentsView(
        balancer.registry().all().stream().map(Deployment::snapshot).toList(),
        balancer.affinity().stats());
  }

  @POST
  @Path("routing/deployments/reset")
  @Operation(summary = "Close a deployment's breaker and put its keys back (platform admins)")
  public Deployment.Snapshot resetDeployment(@QueryParam("id") String id) {
    Caller caller = currentCaller.caller();
    AccessPolicy.require(caller, Area.PLATFORM, Access.WRITE, Scope.org(caller.orgId()));
    if (id == null || id.isBlank()) {
      throw AdminApiException.invalid("id", "is required");
    }
    Deployment deployment =
        balancer
            .registry()
            .find(id)
            .orElseThrow(() -> AdminApiException.notFound("deployment", id));
    deployment.breaker().reset();
    deployment.keys().reset();
    return deployment.snapshot();
  }
}
