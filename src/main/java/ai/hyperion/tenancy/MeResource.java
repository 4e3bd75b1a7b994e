package ai.hyperion.tenancy;

import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.tenancy.Views.CallerView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who the admin caller is: user, org, team and role. */
@Path("/admin/api/me")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: identity")
@SecurityScheme(
    securitySchemeName = "hyperionKey",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "A Hyperion virtual key (hk-...); its owner's role decides what the admin API allows.")
@SecurityRequirement(name = "hyperionKey")
public class MeResource {

  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "The caller's identity and role")
  public CallerView currentCaller() {
    TenantContext tenant = currentCaller.tenant();
    return new CallerView(
        tenant.userId(), tenant.orgId(), tenant.teamId(), tenant.role().name(), tenant.keyPrefix());
  }
}
