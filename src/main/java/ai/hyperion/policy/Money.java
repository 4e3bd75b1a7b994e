package ai.hyperion.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts of money inside the policy stores and the ledger are whole nano-dollars in a {@code
 * long}: exact sums, no floating-point drift, room for $9 billion.
 */
public final class Money {

  public static final long NANOS_PER_USD = 1_000_000_000L;

  private Money() {}

  public static long nanos(BigDecimal usd) {
    return usd.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  public static BigDecimal usd(long nanos) {
    return BigDecimal.valueOf(nanos, 9);
  }

  /** For messages: "$12.34" (cents, rounded half up). */
  public static String format(long nanos) {
    return "$" + usd(nanos).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
