package ai.hyperion.routing;

import ai.hyperion.pipeline.RouteMode;

/** One model the request may be served by, in plan order, with how and why it was chosen. */
public record Candidate(CatalogModel model, RouteMode mode, String reason) {}
