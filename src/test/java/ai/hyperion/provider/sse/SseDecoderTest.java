package ai.hyperion.provider.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private static List<SseEvent> decode(String... reads) {
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>();
    for (String read : reads) {
      decoder.feed(ByteBuffer.wrap(read.getBytes(StandardCharsets.UTF_8)), events::add);
    }
    decoder.finish(events::add);
    return events;
  }

  @Test
  void dataOnlyEventsSplitAnywhereAcrossReads() {
    List<SseEvent> events = decode("data: {\"a\"", ":1}\n", "\ndata: [DO", "NE]\n\n");
    assertEquals(List.of(new SseEvent(null, "{\"a\":1}"), new SseEvent(null, "[DONE]")), events);
  }

  @Test
  void eventAndDataLinesWithCrLfAndComments() {
    List<SseEvent> events =
        decode(
            ": ping\r\nevent: message_start\r\ndata: {}\r\n\r",
            "\nevent: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n");
    assertEquals(
        List.of(new SseEvent("message_start", "{}"), new SseEvent("ping", "{\"type\": \"ping\"}")),
        events);
  }

  @Test
  void multiLineDataIsJoinedWithNewlines() {
    assertEquals(
        List.of(new SseEvent(null, "line1\nline2")), decode("data: line1\ndata: line2\n\n"));
  }

  @Test
  void multiByteCharactersSplitAcrossReadsSurvive() {
    byte[] bytes = "data: héllo ✓\n\n".getBytes(StandardCharsets.UTF_8);
    SseDecoder decoder = new SseDecoder();
    List<SseEvent> events = new ArrayList<>();
    for (byte b : bytes) {
      decoder.feed(ByteBuffer.wrap(new byte[] {b}), events::add);
    }
    assertEquals(List.of(new SseEvent(null, "héllo ✓")), events);
  }

  @Test
  void anEventWithoutItsBlankLineIsFlushedAtTheEnd() {
    assertEquals(List.of(new SseEvent(null, "{\"last\":true}")), decode("data: {\"last\":true}"));
  }
}
