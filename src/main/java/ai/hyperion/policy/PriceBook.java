package ai.hyperion.policy;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.PricingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices by model name (catalog id or alias), from gateway.yaml: the model's own prices, else the
 * operator's default price when {@code pricing.unpriced-models: default}, else none (the policy
 * stage refuses the model). Immutable after construction.
 */
@ApplicationScoped
public class PriceBook {

  private Map<String, ModelConfig> byName = Map.of();
  private PricingConfig pricing = PricingConfig.REJECT;

  /** For the CDI proxy only. */
  protected PriceBook() {}

  @Inject
  public PriceBook(GatewayConfig config) {
    Map<String, ModelConfig> names = new HashMap<>();
    for (ModelConfig model : config.models()) {
      names.put(model.id(), model);
      model.aliases().forEach(alias -> names.put(alias, model));
    }
    this.byName = Map.copyOf(names);
    this.pricing = config.pricing();
  }

  /** The catalog facts of a model name, when it is in the catalog. */
  public Optional<ModelConfig> facts(String model) {
    return Optional.ofNullable(byName.get(model));
  }

  /** The price to charge for {@code model}, or empty when it must be refused. */
  public Optional<ModelPrice> priceOf(String model) {
    ModelConfig facts = byName.get(model);
    if (facts != null && facts.priced()) {
      double input = facts.inputPrice();
      double output = facts.outputPrice() == null ? 0 : facts.outputPrice();
      return Optional.of(
          new ModelPrice(
              facts.id(),
              input,
              output,
              facts.cachedInputPrice() == null ? input : facts.cachedInputPrice(),
              facts.cacheWritePrice() == null ? input : facts.cacheWritePrice(),
              PriceSource.CATALOG));
    }
    if (pricing.chargesDefaultPrice()) {
      return Optional.of(
          ModelPrice.of(
              facts == null ? model : facts.id(),
              pricing.defaultInputPrice(),
              pricing.defaultOutputPrice(),
              PriceSource.DEFAULT));
    }
    return Optional.empty();
  }

  /**
   * The price a call served by {@code servedModel} is charged at: its own (or the default); when it
   * has none (a fallback the router took that the policy stage could not price), the requested
   * model's, marked {@link PriceSource#REQUESTED}. Never an unmarked $0: a requested model without
   * a price was refused before the call.
   */
  public ModelPrice chargeFor(String servedModel, String requestedModel) {
    if (servedModel != null) {
      Optional<ModelPrice> own = priceOf(servedModel);
      if (own.isPresent()) {
        return own.get();
      }
    }
    ModelPrice p =
        priceOf(requestedModel)
            .orElseGet(() -> ModelPrice.of(requestedModel, 0, 0, PriceSource.REQUESTED));
    return new ModelPrice(
        servedModel == null ? requestedModel : servedModel,
        p.inputPerMillion(),
        p.outputPerMillion(),
        p.cachedInputPerMillion(),
        p.cacheWritePerMillion(),
        PriceSource.REQUESTED);
  }

  /** A dedicated endpoint's model: no per-token price (its GPU hours are billed). */
  public static ModelPrice dedicated(String model) {
    return ModelPrice.of(model, 0, 0, PriceSource.DEDICATED);
  }
}
