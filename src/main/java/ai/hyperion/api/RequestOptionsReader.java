package ai.hyperion.api;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.pipeline.RequestOptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and validates the gateway's own body extensions: {@code hyperion} and {@code
 * smart_routing}.
 */
public final class RequestOptionsReader {

  /** Body fields the gateway consumes and never forwards upstream. */
  public static final Set<String> FIELDS = Set.of("hyperion", "smart_routing");

  /** The default of {@code hyperion.limits.max-fallbacks}. */
  public static final int DEFAULT_MAX_FALLBACKS = 5;

  private RequestOptionsReader() {}

  public static RequestOptions read(JsonNode body) {
    return read(body, DEFAULT_MAX_FALLBACKS);
  }

  /** Reads the options, refusing more than {@code maxFallbacks} fallback models. */
  public static RequestOptions read(JsonNode body, int maxFallbacks) {
    JsonNode smart = body.get("smart_routing");
    if (smart != null && !smart.isNull() && !smart.isBoolean()) {
      throw new InvalidRequestException("smart_routing", "'smart_routing' must be a boolean.");
    }
    JsonNode block = body.get("hyperion");
    if (block == null || block.isNull()) {
      return new RequestOptions(
          List.of(), CacheMode.DEFAULT, null, null, null, smart != null && smart.asBoolean());
    }
    if (!block.isObject()) {
      throw new InvalidRequestException("hyperion", "'hyperion' must be an object.");
    }
    List<String> fallbacks = new ArrayList<>();
    JsonNode fallbackNode = block.get("fallbacks");
    if (fallbackNode != null && !fallbackNode.isNull()) {
      if (!fallbackNode.isArray()) {
        throw new InvalidRequestException(
            "hyperion.fallbacks", "'hyperion.fallbacks' must be an array of model names.");
      }
      if (fallbackNode.size() > maxFallbacks) {
        throw new InvalidRequestException(
            "hyperion.fallbacks",
            "'hyperion.fallbacks' lists "
                + fallbackNode.size()
                + " models; at most "
                + maxFallbacks
                + " fallbacks are allowed per request.");
      }
      for (JsonNode model : fallbackNode) {
        if (!model.isTextual() || model.asText().isBlank()) {
          throw new InvalidRequestException(
              "hyperion.fallbacks", "'hyperion.fallbacks' must contain only model names.");
        }
        fallbacks.add(ModelNameRule.check("hyperion.fallbacks", model.asText()));
      }
    }
    JsonNode cache = block.path("cache");
    CacheMode mode = CacheMode.DEFAULT;
    Integer ttl = null;
    Boolean semantic = null;
    if (!cache.isMissingNode() && !cache.isNull()) {
      if (!cache.isObject()) {
        throw new InvalidRequestException("hyperion.cache", "'hyperion.cache' must be an object.");
      }
      JsonNode modeNode = cache.get("mode");
      if (modeNode != null && !modeNode.isNull()) {
        try {
          mode = CacheMode.valueOf(modeNode.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException(
              "hyperion.cache.mode",
              "'hyperion.cache.mode' must be one of default, bypass, refresh.");
        }
      }
      JsonNode ttlNode = cache.get("ttl_seconds");
      if (ttlNode != null && !ttlNode.isNull()) {
        if (!ttlNode.isIntegralNumber() || ttlNode.asInt() < 1) {
          throw new InvalidRequestException(
              "hyperion.cache.ttl_seconds",
              "'hyperion.cache.ttl_seconds' must be a positive integer.");
        }
        ttl = ttlNode.asInt();
      }
      JsonNode semanticNode = cache.get("semantic");
      if (semanticNode != null && !semanticNode.isNull()) {
        if (!semanticNode.isBoolean()) {
          throw new InvalidRequestException(
              "hyperion.cache.semantic", "'hyperion.cache.semantic' must be a boolean.");
        }
        semantic = semanticNode.asBoolean();
      }
    }
    JsonNode metadata = block.get("metadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw new InvalidRequestException(
          "hyperion.metadata", "'hyperion.metadata' must be an object.");
    }
    return new RequestOptions(
        fallbacks, mode, ttl, semantic, metadata, smart != null && smart.asBoolean());
  }
}
