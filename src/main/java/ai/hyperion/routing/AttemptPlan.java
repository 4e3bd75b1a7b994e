package ai.hyperion.routing;

import java.util.List;

/** The ordered attempts for one request: the primary first, then fallbacks. */
public record AttemptPlan(List<Attempt> attempts) {

  public AttemptPlan {
    if (attempts.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one attempt");
    }
    attempts = List.copyOf(attempts);
  }
}
