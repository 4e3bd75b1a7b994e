package ai.hyperion.routing;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.pipeline.GatewayException;
import ai.hyperion.pipeline.RouteMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage 4: turns the requested model and the caller's fallbacks into an attempt plan, refusing
 * unknown models (404) and models the tenant may not use (403). Smart routing, {@code auto},
 * dedicated endpoints and key pools extend the plan here in later work.
 */
@ApplicationScoped
public class Router {

  @Inject ModelCatalog catalog;
  @Inject ProviderRegistry providers;

  public AttemptPlan plan(
      String requestedModel, List<String> fallbacks, TenantContext tenant, String capability) {
    List<Attempt> attempts = new ArrayList<>();
    attempts.add(attempt(requestedModel, tenant, capability, RouteMode.PASSTHROUGH));
    Set<String> seen = new LinkedHashSet<>(List.of(attempts.get(0).model().id()));
    for (String fallback : fallbacks) {
      Attempt next = attempt(fallback, tenant, capability, RouteMode.FALLBACK);
      if (seen.add(next.model().id())) {
        attempts.add(next);
      }
    }
    return new AttemptPlan(attempts);
  }

  private Attempt attempt(String name, TenantContext tenant, String capability, RouteMode mode) {
    CatalogModel model =
        catalog.resolve(name).orElseThrow(() -> GatewayException.modelNotFound(name));
    if (tenant != null && !tenant.mayUse(name, model.id(), model.provider())) {
      throw GatewayException.modelNotAllowed(name);
    }
    if (!model.supports(capability)) {
      throw new GatewayException(
          400,
          "invalid_request_error",
          "model_not_supported",
          "model",
          "The model '" + name + "' does not support " + capability + ".");
    }
    return new Attempt(model, providers.usable(model.provider()), mode);
  }
}
