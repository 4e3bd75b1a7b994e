package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.sse.ChunkDecoder;
import ai.hyperion.provider.sse.SseDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The shared SSE reader plus {@link GeminiStreamParser}, and one Gemini quirk: Google has been seen
 * to append a bare JSON error body (no {@code data:} framing) after the events, even after the
 * {@code finishReason}. The SSE reader hands such stray lines here, and a trailing error body
 * becomes a failure of the stream.
 */
final class GeminiChunkDecoder implements ChunkDecoder {

  private static final int MAX_TAIL = 64 * 1024;

  private final String provider;
  private final SseDecoder sse = new SseDecoder(this::strayLine);
  private final GeminiStreamParser parser;
  private final StringBuilder tail = new StringBuilder();

  GeminiChunkDecoder(String provider, GeminiStreamParser parser) {
    this.provider = provider;
    this.parser = parser;
  }

  @Override
  public void feed(ByteBuffer bytes, Consumer<StreamEvent> out) {
    sse.feed(bytes, event -> parser.accept(event, out));
  }

  @Override
  public void finish(Consumer<StreamEvent> out) {
    sse.finish(event -> parser.accept(event, out));
    if (tail.length() > 0) {
      throw tailError();
    }
  }

  @Override
  public boolean finished() {
    return parser.finished() && tail.length() == 0;
  }

  private void strayLine(String text) {
    if (text.isBlank()) {
      return;
    }
    if (tail.length() < MAX_TAIL) {
      tail.append(text).append('\n');
    }
    String stripped = text.strip();
    if ((stripped.equals("}") || stripped.equals("]")) && complete()) {
      throw tailError();
    }
  }

  private boolean complete() {
    return Json.tryParse(tail.toString().getBytes(StandardCharsets.UTF_8)).isPresent();
  }

  private ProviderException tailError() {
    return Json.tryParse(tail.toString().getBytes(StandardCharsets.UTF_8))
        .filter(GeminiErrorTranslator::isError)
        .map(json -> GeminiErrorTranslator.fromJson(provider, 500, json))
        .orElseGet(() -> ProviderException.malformed(provider, "text outside the event stream"));
  }
}
