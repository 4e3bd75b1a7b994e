package ai.hyperion.routing;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.pipeline.RouteMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 4: turns a call (its model, its fallbacks, its tenant) and the policy's admission into an
 * attempt plan, refusing unknown models (404) and models the tenant may not use (403). Each attempt
 * names the deployment and the key it will use. When the policy signals a model to serve instead (a
 * fallback the remaining budget affords), the plan starts there.
 *
 * <p>A call pinned to an upstream (a dedicated endpoint) is served there: its first attempt is that
 * server's model (route mode {@code dedicated}), with no allow-list or catalog check (owning the
 * endpoint is the permission, checked before the call got here) and no policy signal (GPU time, not
 * tokens, is what it costs). Shared models follow only when the request names them itself in {@code
 * hyperion.fallbacks}, each checked as usual: traffic meant for a private deployment never goes to
 * a shared provider unless the caller asked for it.
 */
@ApplicationScoped
public class Router {

  @Inject ModelCatalog catalog;
  @Inject ProviderRegistry providers;

  protected Router() {}

  public Router(ModelCatalog catalog, ProviderRegistry providers) {
    this.catalog = catalog;
    this.providers = providers;
  }

  public AttemptPlan plan(GatewayCall<?> call, Admission admission) {
    TenantContext tenant = call.exchange().tenant();
    String capability = call.capability();
    Optional<PolicySignal> signal = admission.signal();
    List<Attempt> attempts = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Optional<PinnedUpstream> pinned = call.pinned();
    if (pinned.isPresent()) {
      attempts.add(pinnedAttempt(pinned.get()));
    } else if (signal.isPresent()) {
      add(attempts, seen, attempt(signal.get().model(), tenant, capability, RouteMode.FALLBACK));
    } else {
      add(
          attempts,
          seen,
          attempt(call.requestedModel(), tenant, capability, RouteMode.PASSTHROUGH));
    }
    for (String fallback : call.options().fallbacks()) {
      add(attempts, seen, attempt(fallback, tenant, capability, RouteMode.FALLBACK));
    }
    return new AttemptPlan(attempts);
  }

  private static void add(List<Attempt> attempts, Set<String> seen, Attempt attempt) {
    if (seen.add(attempt.model().id())) {
      attempts.add(attempt);
    }
  }

  private Attempt pinnedAttempt(PinnedUpstream upstream) {
    CatalogModel model =
        new CatalogModel(upstream.model(), upstream.name(), upstream.model(), null, false);
    return new Attempt(model, providers.pinned(upstream), null, RouteMode.DEDICATED);
  }

  private Attempt attempt(String name, TenantContext tenant, String capability, RouteMode mode) {
    CatalogModel model =
        catalog.resolve(name).orElseThrow(() -> RequestRefusedException.modelNotFound(name));
    if (tenant != null && !tenant.mayUse(name, model.id(), model.provider())) {
      throw RequestRefusedException.modelNotAllowed(name);
    }
    if (!model.supports(capability)) {
      throw RequestRefusedException.modelNotSupported(name, capability);
    }
    Deployment deployment = providers.usable(model.provider());
    return new Attempt(model, deployment, deployment.keys().next(), mode);
  }
}
