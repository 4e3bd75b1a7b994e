package ai.hyperion.policy;

import java.math.BigDecimal;

/**
 * What a request was charged: cost in nano-dollars at which price and from where. {@code duplicate}
 * is true when this request id had been settled already (nothing was charged this time).
 */
public record Settlement(
    String requestId, String model, long costNanos, PriceSource priceSource, boolean duplicate) {

  public BigDecimal costUsd() {
    return Money.usd(costNanos);
  }
}
