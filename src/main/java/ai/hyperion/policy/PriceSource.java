package ai.hyperion.policy;

import java.util.Locale;

/** Where the price a request was charged at came from; the ledger row records it. */
public enum PriceSource {
  /** The model's own prices in gateway.yaml. */
  CATALOG,
  /** The operator's default price for models without one ({@code pricing.default-*-price}). */
  DEFAULT,
  /** Answered from the gateway's cache: no upstream tokens were bought. */
  CACHE,
  /**
   * The model that served has no price (a fallback the router took that the policy could not
   * price): charged at the requested model's price rather than nothing.
   */
  REQUESTED,
  /** A dedicated endpoint: its cost is GPU time, billed per hour, not per token. */
  DEDICATED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
