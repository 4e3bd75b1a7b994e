package ai.hyperion.admin;

import ai.hyperion.auth.UserRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Feature discovery for the admin UI: which admin areas exist in this build (every {@link
 * AdminFeature} bean) and how far the caller's role reaches in each, read from {@link AccessPolicy}
 * so the UI never keeps its own copy of the role matrix.
 */
@Path("/admin/api/features")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: identity")
@SecurityRequirement(name = "hyperionKey")
public class FeatureResource {

  /** One area the caller may read, with the reach of each permission. */
  public record FeatureView(String id, String area, Reach read, Reach write) {}

  /** How far a role reaches in one area. */
  public record Permission(Reach read, Reach write) {}

  /**
   * @param features the admin areas that exist and that the caller may read, ordered by id
   * @param access the caller's reach in every area of the access matrix
   * @param grantableRoles the roles the caller may give to people ({@link AccessPolicy#mayGrant})
   */
  public record Features(
      List<FeatureView> features, Map<String, Permission> access, List<String> grantableRoles) {}

  @Inject Instance<AdminFeature> deployed;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "The admin areas that exist and what the caller may do in each")
  public Features features() {
    return of(deployed, currentCaller.caller());
  }

  static Features of(Iterable<AdminFeature> deployed, Caller caller) {
    Map<String, FeatureView> byId = new TreeMap<>();
    for (AdminFeature feature : deployed) {
      Reach read = feature.area() == null ? Reach.ALL : reach(caller, feature.area(), Access.READ);
      Reach write =
          feature.area() == null ? Reach.NONE : reach(caller, feature.area(), Access.WRITE);
      if (read != Reach.NONE) {
        byId.putIfAbsent(
            feature.id(),
            new FeatureView(
                feature.id(), feature.area() == null ? null : feature.area().name(), read, write));
      }
    }
    Map<String, Permission> access = new LinkedHashMap<>();
    for (Area area : Area.values()) {
      access.put(
          area.name(),
          new Permission(reach(caller, area, Access.READ), reach(caller, area, Access.WRITE)));
    }
    List<String> grantable =
        Arrays.stream(UserRole.values())
            .filter(role -> AccessPolicy.mayGrant(caller.role(), role))
            .map(UserRole::name)
            .toList();
    return new Features(List.copyOf(byId.values()), access, grantable);
  }

  private static Reach reach(Caller caller, Area area, Access access) {
    return AccessPolicy.reach(caller.role(), area, access);
  }
}
