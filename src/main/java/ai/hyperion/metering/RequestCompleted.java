package ai.hyperion.metering;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.provider.Usage;

/**
 * Fired once an answer is complete (observers must not block; see CompletionPublisher): after a
 * non-streamed response is built, or when a stream ended, whether or not the client was still
 * there. {@code status} is the HTTP status the client got; {@code usage} is null when the upstream
 * reported none.
 */
public record RequestCompleted(
    Exchange exchange,
    String endpoint,
    int status,
    Usage usage,
    boolean streamed,
    boolean clientDisconnected) {}
