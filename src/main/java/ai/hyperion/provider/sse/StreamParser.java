package ai.hyperion.provider.sse;

import ai.hyperion.provider.StreamEvent;
import java.util.function.Consumer;

/**
 * Turns one provider's server-sent events into canonical stream events. One instance per stream.
 * Throws {@link ai.hyperion.error.ProviderException} for an error event inside the stream.
 */
public interface StreamParser {

  void accept(SseEvent event, Consumer<StreamEvent> out);

  /** Whether the provider's terminal signal ([DONE], message_stop, a finishReason) was seen. */
  boolean finished();
}
