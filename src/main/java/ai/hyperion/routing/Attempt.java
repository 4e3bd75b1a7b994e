package ai.hyperion.routing;

import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Provider;

/** One way to serve a request: a model, the adapter that serves it, and why it was chosen. */
public record Attempt(CatalogModel model, Provider provider, RouteMode mode) {}
