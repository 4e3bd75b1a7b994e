package ai.hyperion.routing;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminApiException;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Scope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The live state of every deployment on this instance in the admin API (breakers, latency, keys,
 * affinity): readable by anyone who may read their own org, reset by platform admins.
 */
@Path("/admin/api/routing")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: routing")
@SecurityRequirement(name = "hyperionKey")
public class RoutingResource {

  /** Every deployment on this instance and the prefix-affinity table's counters. */
  public record DeploymentsView(
      List<ModelDeployment.Snapshot> deployments, PrefixAffinity.Stats affinity) {}

  @Inject DeploymentBalancer balancer;
  @Inject CurrentCaller currentCaller;

  @GET
  @Path("deployments")
  @Operation(summary = "Breaker, latency, in-flight and key state of every deployment")
  public DeploymentsView listDeployments() {
    Caller caller = currentCaller.caller();
    AccessPolicy.require(caller, Area.ORG, Access.READ, Scope.org(caller.orgId()));
    return new DeploymentsView(
        balancer.registry().all().stream().map(ModelDeployment::snapshot).toList(),
        balancer.affinity().stats());
  }

  @POST
  @Path("deployments/reset")
  @Operation(summary = "Close a deployment's breaker and put its keys back (platform admins)")
  public ModelDeployment.Snapshot resetDeployment(@QueryParam("id") String id) {
    Caller caller = currentCaller.caller();
    AccessPolicy.require(caller, Area.PLATFORM, Access.WRITE, Scope.org(caller.orgId()));
    if (id == null || id.isBlank()) {
      throw AdminApiException.invalid("id", "is required");
    }
    ModelDeployment deployment =
        balancer
            .registry()
            .find(id)
            .orElseThrow(() -> AdminApiException.notFound("deployment", id));
    deployment.breaker().reset();
    deployment.keys().reset();
    return deployment.snapshot();
  }
}
