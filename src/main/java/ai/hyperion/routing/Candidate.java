package ai.hyperion.routing;

import ai.hyperion.pipeline.RouteMode;

/**
 * One model the request may be served by, in plan order, with how and why it was chosen; {@code
 * pinned} is the one deployment it must use (a dedicated endpoint), null when the balancer chooses
 * among the model's deployments.
 */
public record Candidate(CatalogModel model, RouteMode mode, String reason, ModelDeployment pinned) {

  public Candidate(CatalogModel model, RouteMode mode, String reason) {
    this(model, mode, reason, null);
  }
}
