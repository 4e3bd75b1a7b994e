package ai.hyperion.pipeline;

import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Usage;

/**
 * How a streamed answer ended. {@code answer} is accumulated from the events that arrived (all of
 * them, or the part before a failure); {@code usage} is what the upstream reported, or null; {@code
 * failure} is why the stream did not end normally, or null; {@code complete} is true only when the
 * upstream ended the stream with its terminal event after a finish reason.
 */
public record StreamEnd(
    ChatResponse answer,
    Usage usage,
    Throwable failure,
    boolean complete,
    boolean clientDisconnected) {}
