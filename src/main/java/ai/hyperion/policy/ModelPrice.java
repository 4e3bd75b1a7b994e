package ai.hyperion.policy;

import ai.hyperion.provider.Usage;
import java.util.Objects;

/**
 * What one model costs, in USD per million tokens, and where that price came from. Costs come out
 * in nano-dollars ({@link Money}); a price of $p per million tokens is p × 1000 nano-dollars a
 * token.
 */
public record ModelPrice(
    String model,
    double inputPerMillion,
    double outputPerMillion,
    double cachedInputPerMillion,
    double cacheWritePerMillion,
    PriceSource source) {

  public ModelPrice {
    Objects.requireNonNull(model);
    Objects.requireNonNull(source);
  }

  /** A price without prompt-cache discounts: cached and cache-write tokens cost the input price. */
  public static ModelPrice of(String model, double input, double output, PriceSource source) {
    return new ModelPrice(model, input, output, input, input, source);
  }

  /** The same prices under another source (e.g. {@link PriceSource#CACHE} for a cache hit). */
  public ModelPrice from(PriceSource other) {
    return new ModelPrice(
        model,
        inputPerMillion,
        outputPerMillion,
        cachedInputPerMillion,
        cacheWritePerMillion,
        other);
  }

  /** The cost of what a provider reported, in nano-dollars. */
  public long costNanos(Usage usage) {
    if (usage == null) {
      return 0;
    }
    long uncached =
        Math.max(0, usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens());
    double nanos =
        (uncached * inputPerMillion
                + usage.cachedTokens() * cachedInputPerMillion
                + usage.cacheWriteTokens() * cacheWritePerMillion
                + usage.completionTokens() * outputPerMillion)
            * 1000.0;
    return Math.round(nanos);
  }

  /** The most a call can cost: every prompt token uncached, every allowed output token used. */
  public long worstCaseNanos(long promptTokens, long outputTokens) {
    return Math.round((promptTokens * inputPerMillion + outputTokens * outputPerMillion) * 1000.0);
  }
}
