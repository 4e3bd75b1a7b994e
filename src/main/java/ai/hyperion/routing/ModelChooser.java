package ai.hyperion.routing;

import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.RoutingConfig;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.routing.intent.Classification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Smart routing (a cheaper model of the requested one's family, per the catalog rules) and {@code
 * model: auto} (the cheapest model the tenant may use that is strong enough for the intent and
 * complexity, within the remaining budget). Both only choose models that meet the request's {@link
 * RequestNeeds}, and say why in a human-readable reason.
 */
public final class ModelChooser {

  /** A chosen model with the route mode and reason; {@code alternatives} are auto's runners-up. */
  public record Choice(
      CatalogModel model, RouteMode mode, String reason, List<CatalogModel> alternatives) {}

  private final ModelCatalog catalog;
  private final RoutingConfig routing;

  public ModelChooser(ModelCatalog catalog, RoutingConfig routing) {
    this.catalog = catalog;
    this.routing = routing;
  }

  /**
   * The model smart routing serves instead of {@code requested}, or {@code requested} itself (mode
   * PASSTHROUGH) with the reason it was kept.
   */
  public Choice smart(
      CatalogModel requested,
      Classification c,
      RequestNeeds needs,
      Predicate<CatalogModel> permitted) {
    ModelConfig facts = requested.facts();
    if (facts == null) {
      return keep(requested, "not a catalog model");
    }
    Set<String> intents =
        facts.downgradeIntents() != null
            ? facts.downgradeIntents()
            : routing.smart().downgradeIntents();
    if (!intents.contains(c.intent().value())) {
      return keep(requested, "intent " + c.intent().value() + " is not downgraded");
    }
    if (c.complexity() > routing.smart().maxComplexity()) {
      return keep(
          requested, "complexity " + c.complexity() + " > " + routing.smart().maxComplexity());
    }
    int output = assumedOutput(needs);
    double requestedCost = cost(facts, needs.inputTokens(), output);
    List<CatalogModel> targets = new ArrayList<>();
    if (!facts.downgradeTo().isEmpty()) {
      facts.downgradeTo().forEach(name -> catalog.resolve(name).ifPresent(targets::add));
    } else if (facts.family() != null && facts.tier() != null) {
      for (CatalogModel m : catalog.models()) {
        if (facts.family().equals(m.facts().family())
            && m.facts().tier() != null
            && m.facts().tier() < facts.tier()) {
          targets.add(m);
        }
      }
      targets.sort(Comparator.comparingDouble(m -> cost(m.facts(), needs.inputTokens(), output)));
    }
    List<String> skipped = new ArrayList<>();
    for (CatalogModel target : targets) {
      double targetCost = cost(target.facts(), needs.inputTokens(), output);
      List<String> unmet = needs.unmetBy(target);
      if (!unmet.isEmpty()) {
        skipped.add(target.id() + ": " + String.join(", ", unmet));
      } else if (!(targetCost < requestedCost)) {
        skipped.add(target.id() + ": not cheaper");
      } else if (!permitted.test(target)) {
        skipped.add(target.id() + ": not allowed or unavailable");
      } else {
        return new Choice(
            target,
            RouteMode.SMART,
            String.format(
                Locale.ROOT,
                "smart: %s (complexity %.2f) served by %s instead of %s, est. $%.6f vs $%.6f%s",
                c.intent().value(),
                c.complexity(),
                target.id(),
                requested.id(),
                targetCost,
                requestedCost,
                skipped.isEmpty() ? "" : "; skipped " + skipped),
            List.of());
      }
    }
    return keep(
        requested,
        targets.isEmpty()
            ? "no cheaper model in family " + facts.family()
            : "no cheaper model fits: " + skipped);
  }

  /**
   * {@code model: auto}: among catalog models with a tier that meet the needs and are permitted,
   * the cheapest whose tier reaches what the intent needs (one more from {@code hardComplexity}),
   * within {@code maxCostUsd} when given; failing that the strongest affordable one.
   */
  public Choice auto(
      Classification c, RequestNeeds needs, Predicate<CatalogModel> permitted, Double maxCostUsd) {
    int output = assumedOutput(needs);
    List<CatalogModel> pool = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    for (CatalogModel m : catalog.models()) {
      if (m.facts().tier() == null || !m.facts().capabilities().contains("chat")) {
        continue;
      }
      List<String> unmet = needs.unmetBy(m);
      if (!unmet.isEmpty()) {
        excluded.add(m.id() + " (" + String.join(", ", unmet) + ")");
      } else if (permitted.test(m)) {
        pool.add(m);
      }
    }
    if (pool.isEmpty()) {
      throw new RequestRefusedException(
          400,
          "invalid_request_error",
          "no_model_fits",
          "model",
          "model 'auto' found no model you may use that serves this request"
              + (needs.capabilities().size() > 1 ? " (needs " + needs.capabilities() + ")" : "")
              + (excluded.isEmpty() ? "." : ": " + String.join("; ", excluded) + "."));
    }
    int maxTier = pool.stream().mapToInt(m -> m.facts().tier()).max().orElse(1);
    int required =
        Math.min(
            maxTier,
            routing.auto().minTier().getOrDefault(c.intent().value(), 1)
                + (c.complexity() >= routing.auto().hardComplexity() ? 1 : 0));
    Comparator<CatalogModel> cheapest =
        Comparator.<CatalogModel>comparingDouble(m -> cost(m.facts(), needs.inputTokens(), output))
            .thenComparing(m -> -m.facts().tier())
            .thenComparing(CatalogModel::id);
    List<CatalogModel> affordable =
        pool.stream()
            .filter(
                m ->
                    maxCostUsd == null
                        || cost(m.facts(), needs.inputTokens(), output) <= maxCostUsd)
            .toList();
    List<CatalogModel> strongEnough =
        affordable.stream().filter(m -> m.facts().tier() >= required).sorted(cheapest).toList();
    List<CatalogModel> ranked;
    String why;
    if (!strongEnough.isEmpty()) {
      ranked = strongEnough;
      why = "cheapest with tier >= " + required;
    } else if (!affordable.isEmpty()) {
      ranked =
          affordable.stream()
              .sorted(
                  Comparator.<CatalogModel>comparingInt(m -> -m.facts().tier())
                      .thenComparing(cheapest))
              .toList();
      why =
          String.format(
              Locale.ROOT,
              "budget-constrained: strongest within $%.6f (tier >= %d wanted)",
              maxCostUsd,
              required);
    } else {
      ranked = pool.stream().sorted(cheapest).toList();
      why = String.format(Locale.ROOT, "over budget: nothing within $%.6f, cheapest", maxCostUsd);
    }
    CatalogModel chosen = ranked.get(0);
    return new Choice(
        chosen,
        RouteMode.AUTO,
        String.format(
            Locale.ROOT,
            "auto: %s (complexity %.2f) -> %s (tier %d, est. $%.6f), %s of %d models",
            c.intent().value(),
            c.complexity(),
            chosen.id(),
            chosen.facts().tier(),
            cost(chosen.facts(), needs.inputTokens(), output),
            why,
            pool.size()),
        ranked.subList(1, Math.min(3, ranked.size())));
  }

  private int assumedOutput(RequestNeeds needs) {
    return needs.outputTokens() != null
        ? needs.outputTokens()
        : routing.auto().assumedOutputTokens();
  }

  /** Estimated USD; a model without prices counts as infinitely expensive (never "cheaper"). */
  static double cost(ModelConfig facts, int input, int output) {
    if (facts == null || facts.inputPrice() == null || facts.outputPrice() == null) {
      return Double.POSITIVE_INFINITY;
    }
    return (input * facts.inputPrice() + output * facts.outputPrice()) / 1_000_000.0;
  }

  private static Choice keep(CatalogModel requested, String why) {
    return new Choice(
        requested,
        RouteMode.PASSTHROUGH,
        "smart: kept " + requested.id() + " (" + why + ")",
        List.of());
  }
}
