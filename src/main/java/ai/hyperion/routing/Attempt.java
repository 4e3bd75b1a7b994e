package ai.hyperion.routing;

import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Secret;

/**
 * One upstream call of a request: a model, the deployment that serves it (its adapter, base URL and
 * upstream model name), the key it is called with (null when the deployment authenticates
 * otherwise) and why the model was chosen. Made for each try from the balancer's lease.
 */
public record Attempt(CatalogModel model, ModelDeployment deployment, Secret key, RouteMode mode) {}
