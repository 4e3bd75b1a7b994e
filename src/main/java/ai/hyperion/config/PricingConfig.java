package ai.hyperion.config;

import java.util.Locale;

/**
 * What a model without a catalog price costs (a {@code provider/model} pass-through, or a catalog
 * entry without prices): {@code unpriced-models: reject} refuses it at the policy stage, {@code
 * default} charges the operator's default prices (USD per million tokens) and says so in the usage
 * ledger. Never a silent $0.
 */
public record PricingConfig(
    String unpricedModels, Double defaultInputPrice, Double defaultOutputPrice) {

  public static final String REJECT_MODE = "reject";
  public static final String DEFAULT_MODE = "default";
  public static final PricingConfig REJECT = new PricingConfig(REJECT_MODE, null, null);

  public PricingConfig {
    unpricedModels =
        unpricedModels == null ? REJECT_MODE : unpricedModels.trim().toLowerCase(Locale.ROOT);
  }

  public boolean chargesDefaultPrice() {
    return DEFAULT_MODE.equals(unpricedModels);
  }
}
