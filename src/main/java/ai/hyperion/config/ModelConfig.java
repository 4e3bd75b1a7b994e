package ai.hyperion.config;

import java.util.List;
import java.util.Set;

/**
 * One model in the catalog: the public {@code id} clients send, the provider and pinned upstream
 * model that serve it, aliases that resolve to it, and its facts (family, capabilities, context
 * window, longest answer it can give, prices in USD per million tokens). A chat model is priced
 * when both {@code inputPrice} and {@code outputPrice} are set, an embeddings-only model when
 * {@code inputPrice} is; otherwise {@link PricingConfig} decides what it costs.
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
    Double cacheWritePrice) {

  public static final Set<String> KNOWN_CAPABILITIES =
      Set.of(
          "chat", "stream", "tools", "vision", "json", "embeddings", "reasoning", "prompt-caching");

  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    capabilities = capabilities == null ? Set.of("chat", "stream") : Set.copyOf(capabilities);
  }

  /** Whether the catalog gives this model a complete price (see the class comment). */
  public boolean priced() {
    boolean embeddingsOnly = capabilities.equals(Set.of("embeddings"));
    return inputPrice != null && (outputPrice != null || embeddingsOnly);
  }
}
