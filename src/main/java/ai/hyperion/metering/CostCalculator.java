package ai.hyperion.metering;

import ai.hyperion.config.ModelConfig;
import ai.hyperion.provider.Usage;

/** USD cost of a request from the catalog's per-million-token prices. */
public final class CostCalculator {

  private CostCalculator() {}

  public static double cost(ModelConfig prices, Usage usage) {
    if (prices == null || usage == null) {
      return 0;
    }
    double input = orZero(prices.inputPrice());
    double cached = prices.cachedInputPrice() == null ? input : prices.cachedInputPrice();
    double write = prices.cacheWritePrice() == null ? input : prices.cacheWritePrice();
    int uncached =
        Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens());
    return (uncached * input
            + usage.cachedTokens() * cached
            + usage.cacheWriteTokens() * write
            + usage.completionTokens() * orZero(prices.outputPrice()))
        / 1_000_000.0;
  }

  private static double orZero(Double price) {
    return price == null ? 0 : price;
  }
}
