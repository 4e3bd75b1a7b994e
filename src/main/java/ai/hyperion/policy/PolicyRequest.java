package ai.hyperion.policy;

import java.util.List;
import java.util.Objects;

/**
 * One admission: the request id (settlement is idempotent per id), the caller's levels with their
 * limits and budgets, and the candidate models in order (the requested model first, then the
 * fallbacks a budget may steer to). {@code unpricedModel} names the requested model when it has no
 * price and the operator did not configure a default (it is then refused).
 */
public record PolicyRequest(
    String requestId, List<LevelPolicy> levels, List<Candidate> candidates, String unpricedModel) {

  public PolicyRequest {
    Objects.requireNonNull(requestId);
    levels = List.copyOf(levels);
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty() && unpricedModel == null) {
      throw new IllegalArgumentException("a policy request needs at least one candidate model");
    }
  }

  public PolicyRequest(String requestId, List<LevelPolicy> levels, List<Candidate> candidates) {
    this(requestId, levels, candidates, null);
  }
}
