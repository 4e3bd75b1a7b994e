package ai.hyperion.stream;

import ai.hyperion.provider.ChatResponse;
import java.time.Instant;

/**
 * A request's answer as the {@link ResponseStore} keeps it: the canonical answer (all of it, or
 * what arrived before the stream broke off) with its usage, and how the request ended.
 *
 * @param status the request's true final HTTP status (200, or the failure's)
 * @param errorCode the failure's code when it did not complete, else null
 * @param answer the canonical answer; null when nothing was produced
 */
public record StoredRequest(
    String requestId,
    String orgId,
    RequestState state,
    Instant createdAt,
    Instant completedAt,
    String endpoint,
    String model,
    boolean streamed,
    boolean clientDisconnected,
    int status,
    String errorCode,
    String errorMessage,
    ChatResponse answer) {}
