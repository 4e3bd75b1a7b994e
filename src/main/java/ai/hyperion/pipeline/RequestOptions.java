package ai.hyperion.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The gateway's own request extensions (DESIGN.md §4): the {@code hyperion} body block and {@code
 * smart_routing}. Never sent upstream.
 */
public record RequestOptions(
    List<String> fallbacks,
    CacheMode cacheMode,
    Integer cacheTtlSeconds,
    Boolean semanticCache,
    JsonNode metadata,
    boolean smartRouting) {

  public RequestOptions {
    fallbacks = List.copyOf(fallbacks);
  }
}
