package ai.hyperion.config;

import java.util.List;
import java.util.Set;

/**
 * One model in the catalog: the public {@code id} clients send, the provider and pinned upstream
 * model that serve it, aliases that resolve to it, and its facts (family, capabilities, context
 * window, prices in USD per million tokens).
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
    Double cacheWritePrice) {

  public static final Set<String> KNOWN_CAPABILITIES =
      Set.of(
          "chat", "stream", "tools", "vision", "json", "embeddings", "reasoning", "prompt-caching");

  public ModelConfig {
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    capabilities = capabilities == null ? Set.of("chat", "stream") : Set.copyOf(capabilities);
  }
}
