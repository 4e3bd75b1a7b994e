package ai.hyperion.provider.anthropic;

import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.provider.sse.StreamParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Reads the recorded Anthropic wire samples under src/test/resources/fixtures/anthropic/. */
public final class AnthropicFixtures {

  private AnthropicFixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in =
        AnthropicFixtures.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String name) {
    return Json.tryParse(bytes(name))
        .orElseThrow(() -> new IllegalArgumentException(name + " is not JSON"));
  }

  /** Decodes a whole SSE body, fed {@code chunk} bytes at a time, through the shared SSE reader. */
  public static Decoded decode(byte[] sse, StreamParser parser, int chunk) {
    SseChunkDecoder decoder = new SseChunkDecoder(parser);
    List<StreamEvent> events = new ArrayList<>();
    for (int at = 0; at < sse.length; at += chunk) {
      decoder.feed(ByteBuffer.wrap(sse, at, Math.min(chunk, sse.length - at)), events::add);
    }
    decoder.finish(events::add);
    return new Decoded(events, decoder.finished());
  }

  public static Decoded decode(byte[] sse) {
    return decode(sse, new AnthropicStreamParser("anthropic"), sse.length);
  }

  public record Decoded(List<StreamEvent> events, boolean finished) {

    String text() {
      StringBuilder out = new StringBuilder();
      events.stream()
          .filter(StreamEvent.TextDelta.class::isInstance)
          .forEach(e -> out.append(((StreamEvent.TextDelta) e).text()));
      return out.toString();
    }

    String reasoning() {
      StringBuilder out = new StringBuilder();
      events.stream()
          .filter(StreamEvent.ReasoningDelta.class::isInstance)
          .forEach(e -> out.append(((StreamEvent.ReasoningDelta) e).text()));
      return out.toString();
    }

    /** The concatenated argument fragments of tool call {@code index}. */
    String arguments(int index) {
      StringBuilder out = new StringBuilder();
      events.stream()
          .filter(StreamEvent.ToolCallDelta.class::isInstance)
          .map(StreamEvent.ToolCallDelta.class::cast)
          .filter(d -> d.index() == index)
          .forEach(d -> out.append(d.argumentsFragment()));
      return out.toString();
    }

    <T extends StreamEvent> List<T> only(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }
}
