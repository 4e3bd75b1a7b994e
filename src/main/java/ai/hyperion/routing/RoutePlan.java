package ai.hyperion.routing;

import ai.hyperion.routing.intent.Classification;
import java.util.List;
import java.util.Optional;

/**
 * The routing stage's answer for one request: the classification, the ordered candidates (primary
 * first, then fallbacks), the prefix fingerprint for affinity (null below the minimum), the A/B arm
 * and shadow target when they apply, and a human-readable, ASCII-only {@code detail} for the {@code
 * x-hyperion-route-detail} header.
 */
public record RoutePlan(
    Classification classification,
    List<Candidate> candidates,
    String fingerprint,
    Optional<AbSplit.Assignment> abArm,
    Optional<CatalogModel> shadowTarget,
    String detail) {

  public RoutePlan {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one candidate");
    }
    candidates = List.copyOf(candidates);
  }

  public Candidate primary() {
    return candidates.get(0);
  }
}
