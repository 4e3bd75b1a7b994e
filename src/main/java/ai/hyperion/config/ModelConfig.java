package ai.hyperion.config;

import java.util.List;
import java.util.Set;

/**
 * One model in the catalog: the public {@code id} clients send, the provider and pinned upstream
 * model that serve it, aliases that resolve to it, and its facts (family, capabilities, context
 * window, longest answer it can give in {@code maxOutputTokens}, prices in USD per million tokens).
 * A chat model is priced when both {@code inputPrice} and {@code outputPrice} are set, an
 * embeddings-only model when {@code inputPrice} is; otherwise {@link PricingConfig} decides what it
 * costs. Routing facts: {@code tier} (1 = smallest; what {@code auto} and smart routing compare),
 * {@code downgradeTo} (same-family models smart routing may use instead, in order of preference),
 * {@code downgradeIntents} (overrides the routing default), default {@code fallbacks}, and {@code
 * deployments} when more than one place serves it (otherwise the provider above is its one
 * deployment).
 */
public record ModelConfig(
    String id,
    String provider,
    String upstreamModel,
    List<String> aliases,
    String family,
    Set<String> capabilities,
    Integer contextWindow,
    Integer maxOutputTokens,
    Double inputPrice,
    Double outputPrice,
    Double cachedInputPrice,
    Double cacheWritePrice,
    Integer tier,
    List<String> downgradeTo,
    Set<String> downgradeIntents,
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

  /**
   * The places that serve this model: the configured deployments, or the model's own provider with
   * the provider's base URL.
   */
  public List<DeploymentConfig> effectiveDeployments() {
    return deployments.isEmpty()
        ? List.of(new DeploymentConfig(null, provider, null, upstreamModel, 1))
        : deployments;
  }

  /** Whether the catalog gives this model a complete price (see the class comment). */
  public boolean priced() {
    boolean embeddingsOnly = capabilities.equals(Set.of("embeddings"));
    return inputPrice != null && (outputPrice != null || embeddingsOnly);
  }
}
