package ai.hyperion.routing;

import java.time.Instant;

/** The comparison of one shadowed request, as stored and listed in the admin API. */
public record ShadowResult(
    String id,
    String orgId,
    String requestId,
    String primaryModel,
    String shadowModel,
    long primaryLatencyMillis,
    Long shadowLatencyMillis,
    Integer primaryPromptTokens,
    Integer primaryCompletionTokens,
    Integer shadowPromptTokens,
    Integer shadowCompletionTokens,
    Double primaryCostUsd,
    Double shadowCostUsd,
    Double similarity,
    String status,
    Instant createdAt) {}
