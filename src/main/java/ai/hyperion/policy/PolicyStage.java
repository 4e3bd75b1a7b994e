package ai.hyperion.policy;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.EmbeddingCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayCall;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.policy.PolicyDecision.Admitted;
import ai.hyperion.policy.PolicyDecision.Refused;
import ai.hyperion.routing.CatalogModel;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.routing.RoutingPolicies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stage 2: rate limits and budgets for key, user, team and org. Builds the policy request (the
 * caller's levels, the requested model and its fallbacks with their prices and token estimates),
 * lets the {@link PolicyEngine} reserve at every level at once, and answers with an {@link
 * Admission} the pipeline settles or releases exactly once, or fails with the refusal (429 {@code
 * rate_limit_exceeded} / {@code budget_exceeded} with {@code Retry-After}, 403 {@code
 * model_not_priced}, 503 when the shared store is down and the gateway fails closed). Admission is
 * asynchronous so a shared store (Redis) never holds the request thread.
 *
 * <p>A chat model name the catalog cannot resolve (an {@code auto} request, or an unknown name the
 * router answers 404) counts against rate limits and concurrency and reserves no money; the model
 * that serves it is priced at settlement. A call pinned to a dedicated endpoint counts against rate
 * limits and concurrency but costs nothing per token (its GPU hours are billed).
 */
@ApplicationScoped
public class PolicyStage {

  private static final Logger LOG = Logger.getLogger(PolicyStage.class.getName());

  private PolicyEngine engine;
  private PolicyRequests requests;
  private PriceBook prices;
  private ModelCatalog catalog;
  private RoutingPolicies routing;

  /** For the CDI proxy only. */
  protected PolicyStage() {}

  @Inject
  public PolicyStage(
      PolicyEngine engine,
      PolicyRequests requests,
      PriceBook prices,
      ModelCatalog catalog,
      RoutingPolicies routing) {
    this.engine = engine;
    this.requests = requests;
    this.prices = prices;
    this.catalog = catalog;
    this.routing = routing;
  }

  /** Admits the call, or completes exceptionally with the refusal that says which limit. */
  public CompletionStage<Admission> admit(GatewayCall<?> call) {
    Exchange exchange = call.exchange();
    TenantContext tenant = exchange.tenant();
    if (tenant == null) {
      return CompletableFuture.completedFuture(Admission.UNLIMITED);
    }
    String id = exchange.requestId();
    PolicyRequest request;
    Function<String, ModelPrice> pricing;
    String asked = call.requestedModel();
    if (call.pinned().isPresent() && call instanceof ChatCall chat) {
      String model = call.pinned().get().model();
      request = requests.forModel(id, tenant, chat.request(), model, PriceBook.dedicated(model));
      pricing = served -> PriceBook.dedicated(served == null ? model : served);
    } else if (catalog.resolve(asked).isEmpty()) {
      if (!(call instanceof ChatCall chat)) {
        return CompletableFuture.completedFuture(Admission.UNLIMITED);
      }
      // Only the router knows this name (auto routing) or it is unknown (the router's 404, and
      // the reservation is released): count it, and price the model that serves at settlement.
      ModelPrice unknown = ModelPrice.of(asked, 0, 0, PriceSource.REQUESTED);
      request = requests.forModel(id, tenant, chat.request(), asked, unknown);
      pricing = served -> prices.chargeFor(served, asked);
    } else {
      pricing = served -> prices.chargeFor(served, asked);
      if (call instanceof ChatCall chat) {
        request = requests.forChat(id, tenant, chat.request(), models(call, tenant));
      } else if (call instanceof EmbeddingCall embeddings) {
        request = requests.forEmbeddings(id, tenant, embeddings.request(), asked);
      } else {
        return CompletableFuture.completedFuture(Admission.UNLIMITED);
      }
    }
    return engine
        .admit(request)
        .thenApply(
            decision -> {
              if (decision instanceof Admitted admitted) {
                return admission(admitted, pricing);
              }
              Refused refused = (Refused) decision;
              exchange.admission(PolicyAdmission.refused(refused.rateLimits().asMap()));
              throw refusal(refused);
            });
  }

  private Admission admission(Admitted admitted, Function<String, ModelPrice> pricing) {
    Map<String, String> headers = new LinkedHashMap<>(admitted.rateLimits().asMap());
    PolicySignal signal = null;
    BudgetSignal budget = admitted.budget();
    if (budget.fallback()) {
      headers.put("x-hyperion-policy", budget.headerValue());
      signal = new PolicySignal(budget.chosenModel(), budget.headerValue());
    }
    return new PolicyAdmission(engine, admitted.reservation(), pricing, headers, signal);
  }

  /**
   * The requested model, then the fallbacks a budget may steer to: the request's own, then the
   * org's defaults; only those the caller may use for this call's capability.
   */
  private List<String> models(GatewayCall<?> call, TenantContext tenant) {
    Set<String> names = new LinkedHashSet<>();
    names.add(call.requestedModel());
    List<String> fallbacks = new ArrayList<>(call.options().fallbacks());
    fallbacks.addAll(orgFallbacks(tenant.orgId()));
    for (String name : fallbacks) {
      Optional<CatalogModel> model = catalog.resolve(name);
      if (model.isPresent()
          && model.get().supports(call.capability())
          && tenant.mayUse(name, model.get().id(), model.get().provider())) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /** The org's default fallbacks; none when its routing policy cannot be read right now. */
  private List<String> orgFallbacks(String orgId) {
    try {
      return routing.forOrg(orgId).defaultFallbacks();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read the routing policy of " + orgId, e);
      return List.of();
    }
  }

  private static RequestRefusedException refusal(Refused refused) {
    String type =
        switch (refused.code()) {
          case "rate_limit_exceeded" -> "rate_limit_exceeded";
          case "budget_exceeded" -> "insufficient_quota";
          case "model_not_priced" -> "permission_error";
          default -> "server_error";
        };
    Integer retryAfter =
        refused.retryAfterSeconds() > 0
            ? (int) Math.min(refused.retryAfterSeconds(), Integer.MAX_VALUE)
            : null;
    return new RequestRefusedException(
        refused.status(), type, refused.code(), null, refused.message(), retryAfter);
  }
}
