package ai.hyperion.provider.gemini;

import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the recorded Gemini wire samples under src/test/resources/fixtures/gemini/. */
final class GeminiFixtures {

  private GeminiFixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = GeminiFixtures.class.getResourceAsStream("/fixtures/gemini/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  static JsonNode json(String name) {
    return Json.tryParse(bytes(name)).orElseThrow();
  }

  static ObjectNode object(String name) {
    return (ObjectNode) json(name);
  }

  /** A .jsonl sample framed the way Gemini's alt=sse stream frames it: data + CRLF CRLF. */
  static byte[] sseFromJsonl(String name) {
    StringBuilder sse = new StringBuilder();
    for (String line : text(name).split("\n")) {
      if (!line.isBlank()) {
        sse.append("data: ").append(line).append("\r\n\r\n");
      }
    }
    return sse.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** What a decoder produced for a body fed in chunks of {@code chunkSize} bytes. */
  record Decoded(List<StreamEvent> events, boolean finished, RuntimeException failure) {}

  /** Where streams decoded here keep their thought signatures. */
  static final InMemoryResumeStates STATES = new InMemoryResumeStates();

  static Decoded decode(byte[] body, int chunkSize) {
    GeminiChunkDecoder decoder =
        new GeminiChunkDecoder(
            "gemini", new GeminiStreamParser("gemini", new Continuity(STATES, null, "gemini")));
    List<StreamEvent> events = new ArrayList<>();
    try {
      for (int at = 0; at < body.length; at += chunkSize) {
        decoder.feed(ByteBuffer.wrap(body, at, Math.min(chunkSize, body.length - at)), events::add);
      }
      decoder.finish(events::add);
      return new Decoded(events, decoder.finished(), null);
    } catch (RuntimeException e) {
      return new Decoded(events, decoder.finished(), e);
    }
  }
}
