package ai.hyperion.pipeline;

import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.StreamEvent;
import java.util.concurrent.Flow;

/** What the gateway hands back for a chat call: a complete answer, or a stream of events. */
public sealed interface ChatResult {

  record Complete(ChatResponse response) implements ChatResult {}

  /** Events to deliver once; {@code ending} reports how the stream ended. */
  record Streaming(Flow.Publisher<StreamEvent> events, StreamEnding ending) implements ChatResult {}
}
