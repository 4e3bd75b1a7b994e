package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventStreamDecoderTest {

  private static final String TEXT_STREAM = "converse-stream-text.jsonl";
  private static final String TOOL_STREAM = "converse-stream-tool-use.jsonl";

  private final EventStreamDecoder decoder =
      new EventStreamDecoder(
          "bedrock",
          new BedrockStreamParser(
              "chatcmpl-1", "anthropic.claude-3-5-sonnet-20240620-v1:0", 1700000000L));
  private final List<StreamEvent> events = new ArrayList<>();

  private void feedInChunks(byte[] bytes, int chunk) {
    for (int i = 0; i < bytes.length; i += chunk) {
      decoder.feed(
          ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)).slice(), events::add);
    }
    decoder.finish(events::add);
  }

  private String text() {
    StringBuilder out = new StringBuilder();
    events.stream()
        .filter(e -> e instanceof StreamEvent.TextDelta)
        .forEach(e -> out.append(((StreamEvent.TextDelta) e).text()));
    return out.toString();
  }

  @Test
  void testEncoderWritesTheFramesOfAPublishedExample() {
    // The example frames of the event_stream package's documentation (hex.pm), bytes as listed
    // there.
    byte[] bare =
        EventStreamEncoder.frame(Map.of(), "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(
        bytes(
            0, 0, 0, 30, 0, 0, 0, 0, 186, 242, 246, 138, 123, 34, 102, 111, 111, 34, 58, 32, 34, 98,
            97, 114, 34, 125, 174, 114, 88, 228),
        bare);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    byte[] withHeader =
        EventStreamEncoder.frame(headers, "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(62, withHeader.length);
    assertArrayEquals(
        bytes(0, 0, 0, 62, 0, 0, 0, 32, 64, 93, 249, 70), Arrays.copyOf(withHeader, 12));
    assertArrayEquals(bytes(111, 162, 191, 59), Arrays.copyOfRange(withHeader, 58, 62));
  }

  @Test
  void decodesTheRecordedTextStream() {
    feedInChunks(
        EventStreamEncoder.concat(EventStreamEncoder.fromJsonl(TEXT_STREAM)), Integer.MAX_VALUE);

    assertEquals(
        new StreamEvent.Start(
            "chatcmpl-1", "anthropic.claude-3-5-sonnet-20240620-v1:0", 1700000000L),
        events.get(0));
    assertEquals(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\n"
            + "There are **3** r's in \"strawberry.\"",
        text());
    assertEquals(new StreamEvent.Finish(0, FinishReason.STOP), events.get(events.size() - 2));
    assertEquals(new StreamEvent.UsageReport(new Usage(22, 55)), events.get(events.size() - 1));
    assertTrue(decoder.finished());
  }

  @Test
  void decodesTheSameEventsWhenEveryFrameIsSplitAcrossReads() {
    byte[] stream = EventStreamEncoder.concat(EventStreamEncoder.fromJsonl(TEXT_STREAM));
    feedInChunks(stream, Integer.MAX_VALUE);
    List<StreamEvent> whole = new ArrayList<>(events);

    for (int chunk : new int[] {1, 7, 13, 100}) {
      EventStreamDecoder split =
          new EventStreamDecoder(
              "bedrock",
              new BedrockStreamParser(
                  "chatcmpl-1", "anthropic.claude-3-5-sonnet-20240620-v1:0", 1700000000L));
      List<StreamEvent> got = new ArrayList<>();
      for (int i = 0; i < stream.length; i += chunk) {
        split.feed(
            ByteBuffer.wrap(stream, i, Math.min(chunk, stream.length - i)).slice(), got::add);
      }
      assertEquals(whole, got, "chunk size " + chunk);
      assertTrue(split.finished());
    }
  }

  @Test
  void decodesTheToolUseStreamAndReportsUsageAfterTheFinish() {
    feedInChunks(EventStreamEncoder.concat(EventStreamEncoder.fromJsonl(TOOL_STREAM)), 5);

    assertEquals(
        List.of(
            new StreamEvent.Start(
                "chatcmpl-1", "anthropic.claude-3-5-sonnet-20240620-v1:0", 1700000000L),
            new StreamEvent.ToolCallDelta(0, 0, "tool-use-id", "test-tool", ""),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "{\"value\":"),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "\"Sparkle Day\"}"),
            new StreamEvent.Finish(0, FinishReason.TOOL_CALLS),
            new StreamEvent.UsageReport(new Usage(125, 45))),
        events);
    assertTrue(decoder.finished());
  }

  @Test
  void aStreamWithoutMessageStopIsNotFinished() {
    List<byte[]> frames = EventStreamEncoder.fromJsonl(TEXT_STREAM);
    byte[] cut = EventStreamEncoder.concat(frames.subList(0, 5));
    byte[] partial = Arrays.copyOf(cut, cut.length + 10);
    System.arraycopy(frames.get(5), 0, partial, cut.length, 10);

    feedInChunks(partial, 64);

    assertFalse(decoder.finished());
    assertEquals(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-", text()); // frame 5 ("**") is cut
  }

  @Test
  void aCorruptedMessageChecksumFailsTheStream() {
    List<byte[]> frames = EventStreamEncoder.fromJsonl(TEXT_STREAM);
    byte[] bad = frames.get(1).clone();
    bad[bad.length - 10] ^= 0x20; // flip a payload bit: the message CRC no longer matches

    decoder.feed(ByteBuffer.wrap(frames.get(0)), events::add);
    ProviderException e =
        assertThrows(
            ProviderException.class, () -> decoder.feed(ByteBuffer.wrap(bad), events::add));

    assertEquals(502, e.status());
    assertEquals("bad_upstream_response", e.code());
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void aCorruptedPreludeChecksumFailsBeforeTrustingTheLengths() {
    byte[] bad = EventStreamEncoder.fromJsonl(TEXT_STREAM).get(0).clone();
    bad[2] = 0x7f; // a huge total length, caught by the prelude CRC

    ProviderException e =
        assertThrows(
            ProviderException.class, () -> decoder.feed(ByteBuffer.wrap(bad, 0, 12), events::add));

    assertTrue(e.getMessage().contains("prelude checksum"), e.getMessage());
  }

  @Test
  void exceptionFramesMapToGatewayErrors() {
    assertStreamException("throttlingException", 429, true);
    assertStreamException("serviceUnavailableException", 503, true);
    assertStreamException("internalServerException", 502, true);
    assertStreamException("modelStreamErrorException", 502, true);
    assertStreamException("validationException", 400, false);
  }

  @Test
  void eventsBeforeAnExceptionFrameAreStillDelivered() {
    List<byte[]> frames = new ArrayList<>(EventStreamEncoder.fromJsonl(TEXT_STREAM).subList(0, 3));
    frames.add(
        EventStreamEncoder.exception(
            "throttlingException", "Too many tokens, please wait before trying again."));

    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> decoder.feed(ByteBuffer.wrap(EventStreamEncoder.concat(frames)), events::add));

    assertEquals("Too many tokens, please wait before trying again.", e.getMessage());
    assertEquals("Let me count the \"", text());
  }

  private static void assertStreamException(String type, int status, boolean retryable) {
    EventStreamDecoder decoder =
        new EventStreamDecoder("bedrock", new BedrockStreamParser("id", "m", 0));
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                decoder.feed(
                    ByteBuffer.wrap(EventStreamEncoder.exception(type, "upstream says no")),
                    event -> {}));
    assertInstanceOf(ProviderException.class, e);
    assertEquals(status, e.status(), type);
    assertEquals(retryable, e.retryable(), type);
    assertEquals("upstream says no", e.getMessage());
  }

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
