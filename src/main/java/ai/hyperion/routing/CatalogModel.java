package ai.hyperion.routing;

import ai.hyperion.config.ModelConfig;

/**
 * A model the gateway can serve: its public id, the provider and upstream model name that serve it,
 * and its catalog facts. {@code catalogued} is false for {@code provider/model} names passed
 * straight through to a configured provider.
 */
public record CatalogModel(
    String id, String provider, String upstreamModel, ModelConfig facts, boolean catalogued) {

  public boolean supports(String capability) {
    return facts == null || facts.capabilities().contains(capability);
  }
}
