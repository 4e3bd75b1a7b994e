package ai.hyperion.provider.sse;

import ai.hyperion.provider.StreamEvent;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes an upstream response body, as it arrives, into canonical stream events. SSE providers use
 * {@link SseChunkDecoder}; binary framings (Bedrock's event stream) implement this directly.
 */
public interface ChunkDecoder {

  void feed(ByteBuffer bytes, Consumer<StreamEvent> out);

  /** Called once when the body ended; flushes any partial event. */
  void finish(Consumer<StreamEvent> out);

  /** Whether the provider's terminal signal was seen; a body that ends without it was cut. */
  boolean finished();
}
