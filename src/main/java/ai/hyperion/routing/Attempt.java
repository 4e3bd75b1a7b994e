package ai.hyperion.routing;

import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Secret;

/**
 * One way to serve a request: a model, the deployment that serves it, the key it is called with
 * (null when the deployment authenticates otherwise) and why it was chosen.
 */
public record Attempt(CatalogModel model, Deployment deployment, Secret key, RouteMode mode) {}
