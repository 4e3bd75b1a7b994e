package ai.hyperion.provider.sse;

import ai.hyperion.provider.StreamEvent;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A {@link ChunkDecoder} for server-sent events: the shared SSE reader plus a provider's parser.
 */
public final class SseChunkDecoder implements ChunkDecoder {

  private final SseDecoder sse = new SseDecoder();
  private final StreamParser parser;

  public SseChunkDecoder(StreamParser parser) {
    this.parser = parser;
  }

  @Override
  public void feed(ByteBuffer bytes, Consumer<StreamEvent> out) {
    sse.feed(bytes, event -> parser.accept(event, out));
  }

  @Override
  public void finish(Consumer<StreamEvent> out) {
    sse.finish(event -> parser.accept(event, out));
  }

  @Override
  public boolean finished() {
    return parser.finished();
  }
}
