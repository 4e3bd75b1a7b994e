package ai.hyperion.cache;

import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.provider.ChatRequest;
import java.util.Objects;

/**
 * What the pipeline asks the cache for one chat call.
 *
 * @param orgId the caller's organisation (always required)
 * @param teamId the caller's team, or null (used by the team scope)
 * @param keyId the API key's id (used by the key scope)
 * @param model the catalog model the request resolved to, after alias resolution
 * @param request the canonical request
 * @param mode {@code hyperion.cache.mode}
 * @param ttlSeconds {@code hyperion.cache.ttl_seconds}, or null
 * @param semantic {@code hyperion.cache.semantic}, or null for the organisation's setting
 * @param cacheControl the request's {@code Cache-Control} header, or null
 */
public record CacheQuery(
    String orgId,
    String teamId,
    String keyId,
    String model,
    ChatRequest request,
    CacheMode mode,
    Integer ttlSeconds,
    Boolean semantic,
    String cacheControl) {

  public CacheQuery {
    Objects.requireNonNull(orgId, "orgId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    mode = mode == null ? CacheMode.DEFAULT : mode;
  }
}
