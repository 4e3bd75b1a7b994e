package ai.hyperion.provider.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
  void bareCarriageReturnsEndLinesToo() {
    assertEquals(
        List.of(new SseEvent(null, "a"), new SseEvent("e", "b\nc")),
        decode("data: a\r\rev", "ent: e\rdata: b\r", "data: c\r", "\r"));
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

  @Test
  void aLineThatNeverEndsFailsTheStreamAtTheCapInsteadOfGrowingTheHeap() {
    SseDecoder decoder = new SseDecoder();
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    decoder.feed(ByteBuffer.wrap("data: ".getBytes(StandardCharsets.UTF_8)), e -> {});
    ProviderException failed =
        assertThrows(
            ProviderException.class,
            () -> {
              for (int i = 0; i <= SseDecoder.MAX_EVENT_BYTES / chunk.length; i++) {
                decoder.feed(ByteBuffer.wrap(chunk), e -> {});
              }
            });
    assertEquals(502, failed.status());
    assertTrue(failed.getMessage().contains(Integer.toString(SseDecoder.MAX_EVENT_BYTES)));
  }

  @Test
  void manyDataLinesCannotAddUpBeyondTheCap() {
    SseDecoder decoder = new SseDecoder();
    String line = "data: " + "y".repeat(1024 * 1024) + "\n";
    assertThrows(
        ProviderException.class,
        () -> {
          for (int i = 0; i < 10; i++) {
            decoder.feed(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), e -> {});
          }
        });
  }
}
