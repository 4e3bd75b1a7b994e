package ai.hyperion.config;

import java.net.URI;

/**
 * One place that serves a catalog model: a provider (its adapter, keys and resilience settings),
 * optionally another base URL than the provider's (a second region, a second vLLM server), the
 * upstream model name there, and a weight for balancing. {@code id} defaults to the provider name,
 * or {@code provider@host:port} when a base URL is given.
 */
public record DeploymentConfig(
    String id, String provider, String baseUrl, String upstreamModel, Integer weight) {

  public DeploymentConfig {
    weight = weight == null ? 1 : weight;
  }

  /** The id, derived when not given. */
  public String effectiveId() {
    if (id != null && !id.isBlank()) {
      return id;
    }
    if (baseUrl == null || baseUrl.isBlank()) {
      return provider;
    }
    try {
      URI uri = URI.create(baseUrl);
      return provider + "@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    } catch (IllegalArgumentException e) {
      return provider + "@" + baseUrl;
    }
  }
}
