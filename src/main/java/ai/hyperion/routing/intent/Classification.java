package ai.hyperion.routing.intent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The classifier's verdict on one request: its intent, a complexity score in [0, 1] (0 = a
 * greeting, 1 = a long multi-step task), the estimated input tokens, and the signal that decided,
 * for the routing detail header.
 */
public record Classification(
    Intent intent, double complexity, int estimatedInputTokens, String signal) {

  public Classification {
    if (complexity < 0 || complexity > 1 || Double.isNaN(complexity)) {
      throw new IllegalArgumentException("complexity must be in [0, 1], was " + complexity);
    }
  }

  /** {@code value} with {@code digits} decimals, rounded half up (as {@code %.Nf} would print). */
  public static String fixed(double value, int digits) {
    return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP).toPlainString();
  }
}
