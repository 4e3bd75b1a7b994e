package ai.hyperion.audit.log;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Usage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the pipeline reports about one finished data-plane request (the seam: map the completion
 * event onto this and call {@link RequestLog#record}). Strings rather than pipeline enums, so the
 * log does not depend on the pipeline's types: {@code routeMode} and {@code cacheOutcome} are the
 * header values ({@code passthrough|smart|auto|fallback|dedicated|cache}, {@code hit|miss|bypass}).
 *
 * @param startedAt when the request arrived
 * @param endpoint the route template, e.g. {@code /v1/chat/completions}
 * @param status the HTTP status the client got (for a stream: the final outcome, e.g. 502 when it
 *     failed after starting)
 * @param errorCode the error code of a failed request ({@code model_not_allowed}), else null
 * @param usage tokens, or null when the upstream reported none
 * @param costUsd what the request cost, 0 when unknown
 * @param attempts upstream attempts made (fallbacks included); 0 for a cache hit or a refusal
 * @param stageMillis per stage ({@code auth, policy, cache, route, upstream, write}), milliseconds
 * @param totalMillis from arrival to the end of the answer (the stream's end for a stream)
 * @param clientAddress the client's IP address
 * @param prompt the canonical request, or null (embeddings); stored only where the org logs bodies
 * @param completion the canonical answer (accumulated for a stream), or null
 * @param argumentBytes an MCP tool call's argument size in bytes (UTF-8 JSON), else null
 */
public record RequestLogEntry(
    String requestId,
    Instant startedAt,
    String orgId,
    String teamId,
    String userId,
    String keyId,
    String keyPrefix,
    String endpoint,
    String requestedModel,
    String servedModel,
    String provider,
    String routeMode,
    String intent,
    String cacheOutcome,
    int status,
    String errorCode,
    boolean streamed,
    boolean clientDisconnected,
    Usage usage,
    double costUsd,
    int attempts,
    Map<String, Double> stageMillis,
    double totalMillis,
    String clientAddress,
    ChatRequest prompt,
    ChatResponse completion,
    Integer argumentBytes) {

  public RequestLogEntry {
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(startedAt);
    stageMillis = stageMillis == null ? Map.of() : Map.copyOf(stageMillis);
  }
}
