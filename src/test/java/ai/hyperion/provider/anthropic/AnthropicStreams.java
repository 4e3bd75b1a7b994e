package ai.hyperion.provider.anthropic;

import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;

/**
 * Decodes recorded Anthropic SSE for tests outside the adapter's package (its parser is private).
 */
public final class AnthropicStreams {

  private AnthropicStreams() {}

  public static Collected decode(byte[] sse) {
    return StreamCollector.decode(
        new SseChunkDecoder(new AnthropicStreamParser("anthropic")), sse, sse.length);
  }
}
