package ai.hyperion.policy;

import java.util.Objects;

/**
 * A model the request may be served by (the requested one first, then its fallbacks), with its
 * price and the request's token estimate for it.
 */
public record Candidate(String model, ModelPrice price, TokenEstimate tokens) {

  public Candidate {
    Objects.requireNonNull(model);
    Objects.requireNonNull(price);
    Objects.requireNonNull(tokens);
  }

  /** What budgets reserve for this candidate: the most the call can cost. */
  public long worstCaseNanos() {
    return price.worstCaseNanos(tokens.promptTokens(), tokens.maxOutputTokens());
  }
}
