package ai.hyperion.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy stage's answer: admitted with a reservation to settle or release exactly once, or
 * refused with the HTTP status, OpenAI error code and {@code Retry-After} the client should get.
 */
public sealed interface PolicyDecision {

  /** The OpenAI {@code x-ratelimit-*} headers every answer carries (empty when unlimited). */
  RateLimitHeaders rateLimits();

  /**
   * Admitted. {@code budget.chosenModel()} is the model to call: a fallback when the requested
   * model's worst case would overrun a budget and a listed fallback fits.
   */
  record Admitted(Reservation reservation, RateLimitHeaders rateLimits, BudgetSignal budget)
      implements PolicyDecision {}

  /**
   * Refused before any upstream call: 429 {@code rate_limit_exceeded} or {@code budget_exceeded},
   * 403 {@code model_not_priced}, or 503 {@code policy_store_unavailable} (Redis down and the
   * gateway set to fail closed). The message names the caller's own level and limit, nothing of any
   * other tenant.
   */
  record Refused(
      int status, String code, String message, long retryAfterSeconds, RateLimitHeaders rateLimits)
      implements PolicyDecision {

    /** Headers for the error answer: {@code Retry-After} (when positive) and the rate limits. */
    public Map<String, String> headers() {
      Map<String, String> headers = new LinkedHashMap<>(rateLimits.asMap());
      if (retryAfterSeconds > 0) {
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
      }
      return headers;
    }
  }
}
