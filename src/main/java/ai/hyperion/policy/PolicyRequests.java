package ai.hyperion.policy;

import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.EmbeddingRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds a {@link PolicyRequest} from what the pipeline has: the caller's tenant (limits and budget
 * references of key, user, team and org, plus budgets attached to them), the canonical request
 * (token estimates per model family) and the candidate models with their prices.
 */
public class PolicyRequests {

  private final BudgetDirectory budgets;
  private final PriceBook prices;
  private final TokenEstimator estimator;

  public PolicyRequests(BudgetDirectory budgets, PriceBook prices, TokenEstimator estimator) {
    this.budgets = budgets;
    this.prices = prices;
    this.estimator = estimator;
  }

  /**
   * @param models the requested model first, then the fallbacks (catalog ids, aliases or {@code
   *     provider/model} names); unpriced fallbacks are left out, an unpriced requested model makes
   *     the request one to refuse
   */
  public PolicyRequest forChat(
      String requestId, TenantContext tenant, ChatRequest request, List<String> models) {
    return build(
        requestId, tenant, models, (name, facts) -> estimator.estimate(request, name, facts));
  }

  public PolicyRequest forEmbeddings(
      String requestId, TenantContext tenant, EmbeddingRequest request, String model) {
    return build(
        requestId,
        tenant,
        List.of(model),
        (name, facts) -> estimator.estimate(request, name, facts));
  }

  /**
   * A call for one model at a price the catalog does not give: a dedicated endpoint's (no per-token
   * price, its GPU hours are billed) or a name only the router can resolve ({@code auto}), whose
   * serving model is priced at settlement. Rate limits and concurrency count as usual; budgets
   * reserve what {@code price} says.
   */
  public PolicyRequest forModel(
      String requestId, TenantContext tenant, ChatRequest request, String model, ModelPrice price) {
    Candidate only = new Candidate(model, price, estimator.estimate(request, model, null));
    return new PolicyRequest(requestId, levels(tenant), List.of(only), null);
  }

  /** The caller's levels, innermost first, with their limits and budgets. */
  public List<LevelPolicy> levels(TenantContext tenant) {
    List<LevelPolicy> levels = new ArrayList<>(4);
    String org = tenant.orgId();
    add(levels, TenantLevel.KEY, tenant.keyId(), tenant.limits().key(), org);
    add(levels, TenantLevel.USER, tenant.userId(), tenant.limits().user(), org);
    add(levels, TenantLevel.TEAM, tenant.teamId(), tenant.limits().team(), org);
    add(levels, TenantLevel.ORG, org, tenant.limits().org(), org);
    return levels;
  }

  private interface Estimation {
    TokenEstimate estimate(String model, ModelConfig facts);
  }

  private PolicyRequest build(
      String requestId, TenantContext tenant, List<String> models, Estimation estimation) {
    List<Candidate> candidates = new ArrayList<>();
    String unpriced = null;
    for (int i = 0; i < models.size(); i++) {
      String name = models.get(i);
      Optional<ModelPrice> price = prices.priceOf(name);
      if (price.isEmpty()) {
        if (i == 0) {
          unpriced = name;
          break;
        }
        continue;
      }
      ModelConfig facts = prices.facts(name).orElse(null);
      candidates.add(new Candidate(name, price.get(), estimation.estimate(name, facts)));
    }
    return new PolicyRequest(
        requestId, unpriced == null ? levels(tenant) : List.of(), candidates, unpriced);
  }

  private void add(
      List<LevelPolicy> levels, TenantLevel level, String id, Limits limits, String org) {
    if (id == null) {
      return;
    }
    List<BudgetRule> rules = budgets.budgetsFor(level, id, limits.budgetRef(), org);
    levels.add(
        new LevelPolicy(
            level,
            id,
            limits.requestsPerMinute(),
            limits.tokensPerMinute(),
            limits.maxConcurrentRequests(),
            rules));
  }
}
