package ai.hyperion.routing;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.routing.intent.Classification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stage 4: turns a call (its model, its fallbacks, its tenant) and the policy's admission into a
 * route plan: the ordered candidates the attempt runner leases deployments and keys for. Unknown
 * models are refused (404), models the tenant may not use (403), models without the capability the
 * call needs (400). Chat calls go through the {@link RoutePlanner} (intent, smart routing, {@code
 * model: auto}, A/B split, fallbacks from body, org and gateway.yaml, prefix fingerprint, shadow);
 * the classification and the plan's one-line reason land in the exchange for the answer's headers.
 * When the policy signals a model to serve instead (a fallback the remaining budget affords), the
 * plan starts there, in route mode {@code fallback}.
 *
 * <p>A call pinned to an upstream (a dedicated endpoint) is served there: its first candidate is
 * that server's model on its own deployment (route mode {@code dedicated}), with no allow-list or
 * catalog check (owning the endpoint is the permission, checked before the call got here) and no
 * policy signal (GPU time, not tokens, is what it costs). Shared models follow only when the
 * request names them itself in {@code hyperion.fallbacks}, each checked as usual: traffic meant for
 * a private deployment never goes to a shared provider unless the caller asked for it.
 */
@ApplicationScoped
public class Router {

  private static final Logger LOG = Logger.getLogger(Router.class.getName());

  @Inject ModelCatalog catalog;
  @Inject DeploymentRegistry deployments;
  @Inject RoutePlanner planner;
  @Inject RoutingPolicies policies;

  private Function<String, OrgRoutingPolicy> orgPolicy;

  protected Router() {}

  public Router(
      ModelCatalog catalog,
      DeploymentRegistry deployments,
      RoutePlanner planner,
      Function<String, OrgRoutingPolicy> orgPolicy) {
    this.catalog = catalog;
    this.deployments = deployments;
    this.planner = planner;
    this.orgPolicy = orgPolicy;
  }

  public RoutePlan plan(GatewayCall<?> call, Admission admission) {
    Exchange exchange = call.exchange();
    TenantContext tenant = exchange.tenant();
    Optional<PinnedUpstream> pinned = call.pinned();
    RoutePlan plan;
    if (pinned.isPresent()) {
      plan = pinnedPlan(call, pinned.get(), tenant);
    } else if (call instanceof ChatCall chat) {
      plan = chatPlan(chat, admission.signal(), tenant);
    } else {
      plan = simplePlan(call, tenant);
    }
    if (plan.classification() != null) {
      exchange.intent(plan.classification().intent().value());
    }
    exchange.routeDetail(plan.detail());
    plan.abArm().ifPresent(arm -> exchange.abArm(arm.headerValue()));
    return plan;
  }

  private RoutePlan chatPlan(ChatCall call, Optional<PolicySignal> signal, TenantContext tenant) {
    String capability = call.capability();
    String requested = signal.map(PolicySignal::model).orElse(call.requestedModel());
    if (!RoutePlanner.AUTO.equals(requested)) {
      CatalogModel model = resolve(requested, tenant);
      if (!model.supports(capability)) {
        throw RequestRefusedException.modelNotSupported(requested, capability);
      }
      requireKeys(model);
    }
    OrgRoutingPolicy policy = tenant == null ? OrgRoutingPolicy.NONE : policyOf(tenant.orgId());
    RoutePlan planned =
        planner.plan(
            new RouteRequest(
                call.request().withModel(requested),
                signal.isEmpty() && call.options().smartRouting(),
                call.options().fallbacks(),
                tenant,
                policy,
                null));
    List<Candidate> candidates = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Candidate c : planned.candidates()) {
      if (candidates.isEmpty() && signal.isPresent()) {
        candidates.add(new Candidate(c.model(), RouteMode.FALLBACK, signal.get().reason()));
        notes.add("policy: " + signal.get().model() + " (" + signal.get().reason() + ")");
      } else if (!c.model().supports(capability)
          || deployments.keysUnresolved(c.model().provider())) {
        notes.add(c.model().id() + " skipped: no " + capability + " or no key");
      } else {
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      throw RequestRefusedException.modelNotSupported(requested, capability);
    }
    notes.add(0, planned.detail());
    return new RoutePlan(
        planned.classification(),
        candidates,
        planned.fingerprint(),
        planned.abArm(),
        planned.shadowTarget(),
        String.join("; ", notes));
  }

  private RoutePlan pinnedPlan(GatewayCall<?> call, PinnedUpstream upstream, TenantContext tenant) {
    CatalogModel model =
        new CatalogModel(upstream.model(), upstream.name(), upstream.model(), null, false);
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(
        new Candidate(
            model, RouteMode.DEDICATED, "dedicated endpoint", deployments.pinned(upstream)));
    addBodyFallbacks(call, tenant, candidates);
    Classification classification =
        call instanceof ChatCall chat ? planner.classify(chat.request()) : null;
    return new RoutePlan(
        classification,
        candidates,
        null,
        Optional.empty(),
        Optional.empty(),
        "dedicated endpoint " + upstream.name());
  }

  private RoutePlan simplePlan(GatewayCall<?> call, TenantContext tenant) {
    CatalogModel model = resolve(call.requestedModel(), tenant);
    if (!model.supports(call.capability())) {
      throw RequestRefusedException.modelNotSupported(call.requestedModel(), call.capability());
    }
    requireKeys(model);
    List<Candidate> candidates = new ArrayList<>();
    candidates.add(new Candidate(model, RouteMode.PASSTHROUGH, "requested"));
    addBodyFallbacks(call, tenant, candidates);
    return new RoutePlan(null, candidates, null, Optional.empty(), Optional.empty(), "requested");
  }

  private void addBodyFallbacks(
      GatewayCall<?> call, TenantContext tenant, List<Candidate> candidates) {
    Set<String> seen = new LinkedHashSet<>();
    candidates.forEach(c -> seen.add(c.model().id()));
    for (String name : call.options().fallbacks()) {
      CatalogModel model = resolve(name, tenant);
      if (!model.supports(call.capability())) {
        throw RequestRefusedException.modelNotSupported(name, call.capability());
      }
      requireKeys(model);
      if (seen.add(model.id())) {
        candidates.add(new Candidate(model, RouteMode.FALLBACK, "request fallback"));
      }
    }
  }

  private CatalogModel resolve(String name, TenantContext tenant) {
    CatalogModel model =
        catalog.resolve(name).orElseThrow(() -> RequestRefusedException.modelNotFound(name));
    if (tenant != null && !tenant.mayUse(name, model.id(), model.provider())) {
      throw RequestRefusedException.modelNotAllowed(name);
    }
    return model;
  }

  private void requireKeys(CatalogModel model) {
    if (deployments.keysUnresolved(model.provider())) {
      throw RequestRefusedException.providerNotConfigured(
          model.provider(),
          "it has no API key. Set the environment variable its 'api-keys' entry in gateway.yaml"
              + " refers to (e.g. OPENAI_API_KEY) and restart.");
    }
  }

  /**
   * The org's routing policy; when it cannot be read (database down at an org's first request), the
   * request is routed without the org's extras rather than refused.
   */
  private OrgRoutingPolicy policyOf(String orgId) {
    try {
      return orgPolicy != null ? orgPolicy.apply(orgId) : policies.forOrg(orgId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Routing policy of " + orgId + " unreadable; routing without it", e);
      return OrgRoutingPolicy.NONE;
    }
  }
}
