package ai.hyperion.config;

import java.util.List;
import java.util.Set;

/**
 * One model in the catalog: the public {@code id} clients send, the provider and pinned upstream
 * model that serve it, aliases that resolve to it, and its facts (family, capabilities, context
 * window, prices in USD per million tokens). Routing facts: {@code tier} (1 = smallest; what {@code
 * auto} and smart routing compare), {@code downgradeTo} (same-family models smart routing may use
 * instead, in order of preference), {@code downgradeIntents} (overrides the routing default),
 * {@code maxOutputTokens}, default {@code fallbacks}, and {@code deployments} when more than one
 * place serves it (otherwise the provider above is its one deployment).
 */
public record ModelConfig(
    String id,
    String provider,
    String upstreamModel,
    List<String> aliases,
    String family,
    Set<String> capabilities,
    Integer contextWindow,
    Double inputPrice,
    Double outputPrice,
    Double cachedInputPrice,
    Double cacheWritePrice,
    Integer tier,
    List<String> downgradeTo,
    Set<String> downgradeIntents,
    Integer maxOutputTokens,
    List<String> fallbacks,
    List<DeploymentConfig> deployments) {

  public static final Set<String> KNOWN_CAPABILITIES =
      Set.of(
          "chat", "stream", "tools", "vision", "json", "embeddings", "reasoning", "prompt-caching");

  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    capabilities = capabilities == null ? Set.of("chat", "stream") : Set.copyOf(capabilities);
    downgradeTo = downgradeTo == null ? List.of() : List.copyOf(downgradeTo);
    downgradeIntents = downgradeIntents == null ? null : Set.copyOf(downgradeIntents);
    fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
    deployments = deployments == null ? List.of() : List.copyOf(deployments);
  }

  /** A model without routing facts (tier, downgrades, fallbacks, deployments). */
  public ModelConfig(
      String id,
      String provider,
      String upstreamModel,
      List<String> aliases,
      String family,
      Set<String> capabilities,
      Integer contextWindow,
      Double inputPrice,
      Double outputPrice,
      Double cachedInputPrice,
      Double cacheWritePrice) {
    this(
        id,
        provider,
        upstreamModel,
        aliases,
        family,
        capabilities,
        contextWindow,
        inputPrice,
        outputPrice,
        cachedInputPrice,
        cacheWritePrice,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * The places that serve this model: the configured deployments, or the model's own provider with
   * the provider's base URL.
   */
  public List<DeploymentConfig> effectiveDeployments() {
    return deployments.isEmpty()
        ? List.of(new DeploymentConfig(null, provider, null, upstreamModel, 1))
        : deployments;
  }
}
