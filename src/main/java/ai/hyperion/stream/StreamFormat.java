package ai.hyperion.stream;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.StreamEvent;
import java.util.List;

/**
 * How canonical events are written for one client protocol (OpenAI chunks, Anthropic events).
 * Stateful: one instance per stream.
 */
public interface StreamFormat {

  /** The SSE text (zero or more complete events) for one canonical event. */
  List<String> write(StreamEvent event);

  /** The SSE text that ends a successful stream (OpenAI's {@code data: [DONE]}). */
  String end();

  /** The SSE text that reports a failure after the stream started. */
  String error(GatewayError error);

  /** What keeps a silent stream open (an SSE comment); null for a channel that needs none. */
  default String keepAlive() {
    return ": keep-alive\n\n";
  }
}
