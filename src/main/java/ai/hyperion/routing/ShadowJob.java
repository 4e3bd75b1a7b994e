package ai.hyperion.routing;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Usage;

/**
 * A request the primary model already answered, to be replayed against a shadow model: the
 * canonical request, both models, and the primary's answer text, latency, usage and cost (null when
 * unknown).
 */
public record ShadowJob(
    String orgId,
    String requestId,
    ChatRequest request,
    CatalogModel primaryModel,
    CatalogModel shadowModel,
    String primaryAnswer,
    long primaryLatencyMillis,
    Usage primaryUsage,
    Double primaryCostUsd) {}
