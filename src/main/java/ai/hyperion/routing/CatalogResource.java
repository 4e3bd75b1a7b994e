package ai.hyperion.routing;

import ai.hyperion.admin.Access;
import ai.hyperion.admin.AccessPolicy;
import ai.hyperion.admin.AdminAuthenticated;
import ai.hyperion.admin.Area;
import ai.hyperion.admin.Caller;
import ai.hyperion.admin.CurrentCaller;
import ai.hyperion.admin.Scope;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.ProviderConfig;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The provider and model catalog as configured (gateway.yaml), read-only: models with prices and
 * capabilities for every signed-in caller; where each provider lives and whether its credentials
 * resolved, for platform administrators only.
 */
@Path("/admin/api/catalog")
@RequestScoped
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: catalog")
@SecurityRequirement(name = "hyperionKey")
public class CatalogResource {

  /**
   * A configured provider. {@code baseUrl} and {@code credentials} are null unless the caller is a
   * platform administrator; {@code credentials} is {@code configured}, {@code missing} (API keys
   * listed but their environment variables unset) or {@code not-listed} (no API keys: the provider
   * needs none, or authenticates through its options).
   */
  public record ProviderView(
      String name, String type, int models, String baseUrl, String credentials) {}

  /** A catalog model; prices in USD per million tokens, null when not configured. */
  public record ModelView(
      String id,
      String provider,
      String upstreamModel,
      List<String> aliases,
      String family,
      Set<String> capabilities,
      Integer contextWindow,
      Double inputPrice,
      Double outputPrice,
      Double cachedInputPrice,
      Double cacheWritePrice) {}

  public record CatalogView(List<ProviderView> providers, List<ModelView> models) {}

  @Inject GatewayConfig config;
  @Inject CurrentCaller currentCaller;

  @GET
  @Operation(summary = "Providers and models with prices and capabilities")
  public CatalogView catalog() {
    return of(config, currentCaller.caller());
  }

  static CatalogView of(GatewayConfig config, Caller caller) {
    boolean operator =
        AccessPolicy.permits(caller, Area.PLATFORM, Access.READ, Scope.org(caller.orgId()));
    List<ProviderView> providers =
        new TreeSet<>(config.providers().keySet())
            .stream()
                .map(
                    name -> {
                      ProviderConfig p = config.providers().get(name);
                      int models =
                          (int)
                              config.models().stream()
                                  .filter(m -> name.equals(m.provider()))
                                  .count();
                      return new ProviderView(
                          name,
                          p.type(),
                          models,
                          operator ? p.baseUrl() : null,
                          operator ? credentials(p) : null);
                    })
                .toList();
    List<ModelView> models = config.models().stream().map(CatalogResource::view).toList();
    return new CatalogView(providers, models);
  }

  private static String credentials(ProviderConfig provider) {
    if (provider.apiKeys().isEmpty()) {
      return "not-listed";
    }
    return provider.apiKeys().stream().anyMatch(k -> k != null && !k.isBlank())
        ? "configured"
        : "missing";
  }

  private static ModelView view(ModelConfig m) {
    return new ModelView(
        m.id(),
        m.provider(),
        m.upstreamModel() == null ? m.id() : m.upstreamModel(),
        m.aliases(),
        m.family(),
        new TreeSet<>(m.capabilities()),
        m.contextWindow(),
        m.inputPrice(),
        m.outputPrice(),
        m.cachedInputPrice(),
        m.cacheWritePrice());
  }
}
