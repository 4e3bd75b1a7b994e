package ai.hyperion.provider.anthropic;

import static ai.hyperion.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.provider.sse.StreamParser;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class AnthropicStreamParserTest {

  @Test
  void textStreamGivesStartTextFinishAndUsage() {
    Collected d = decode(bytes("anthropic/messages-text-stream.sse"));
    assertTrue(d.finished());
    StreamEvent.Start start = assertInstanceOf(StreamEvent.Start.class, d.events().get(0));
    assertEquals("msg_01QC4g3HwBThD4BaNtBckFDJ", start.id());
    assertEquals("claude-sonnet-4-5-20250929", start.model());
    assertEquals(
        "Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I"
            + " can help you with?",
        d.text());
    assertEquals(
        List.of(new StreamEvent.Finish(0, FinishReason.STOP)), d.only(StreamEvent.Finish.class));
    assertEquals(
        List.of(new StreamEvent.UsageReport(new Usage(12, 30, 0, 0, 0))),
        d.only(StreamEvent.UsageReport.class));
    assertEquals(StreamEvent.UsageReport.class, d.events().get(d.events().size() - 1).getClass());
  }

  @Test
  void maxTokensStopIsLengthAndOutputCountComesFromMessageDelta() {
    Collected d = decode(bytes("anthropic/messages-stream-text-max-tokens.sse"));
    assertTrue(
        d.text().startsWith("The phrase \"I think, therefore I am\" (originally in Latin as"));
    assertEquals(FinishReason.LENGTH, d.only(StreamEvent.Finish.class).get(0).reason());
    assertEquals(new Usage(27, 15, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void cacheWriteTokensFromMessageStartCountAsPromptTokens() {
    Collected d = decode(bytes("anthropic/messages-stream-cache-write.sse"));
    // input 18 + cache creation 1031; message_delta carries only output_tokens, so message_start's
    // counts stand
    assertEquals(
        new Usage(1049, 100, 0, 1031, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
    assertEquals(FinishReason.LENGTH, d.only(StreamEvent.Finish.class).get(0).reason());
  }

  @Test
  void toolUseStreamGivesOneToolCallWithItsArguments() {
    Collected d = decode(bytes("anthropic/messages-stream-tool-use.sse"));
    List<StreamEvent.ToolCallDelta> calls = d.only(StreamEvent.ToolCallDelta.class);
    assertEquals(
        new StreamEvent.ToolCallDelta(0, 0, "toolu_018acGYLtfR52q9yDbWaEdQZ", "get_weather", ""),
        calls.get(0));
    assertTrue(
        calls.stream().skip(1).allMatch(c -> c.id() == null && c.name() == null && c.index() == 0));
    assertEquals("{\"location\": \"San Francisco, CA\", \"units\": \"f\"}", d.arguments(0));
    assertEquals(FinishReason.TOOL_CALLS, d.only(StreamEvent.Finish.class).get(0).reason());
    assertEquals(new Usage(656, 74, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void toolIndexCountsToolBlocksOnlyNotTheTextBlockBefore() {
    Collected d = decode(bytes("anthropic/messages-stream-text-then-tool-use-sdk-fixture.sse"));
    assertTrue(d.finished(), "the fixture ends without a final newline; message_stop still counts");
    assertEquals("I'll check the current weather in Paris for you.", d.text());
    StreamEvent.ToolCallDelta first = d.only(StreamEvent.ToolCallDelta.class).get(0);
    assertEquals(
        new StreamEvent.ToolCallDelta(0, 0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", ""),
        first);
    assertEquals("{\"location\": \"Paris\"}", d.arguments(0));
    assertEquals(new Usage(377, 65, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void toolWithoutArgumentsStillStartsACall() {
    Collected d = decode(bytes("anthropic/messages-text-then-tool-use-stream.sse"));
    assertEquals("I'll update the issue list for you.", d.text());
    List<StreamEvent.ToolCallDelta> calls = d.only(StreamEvent.ToolCallDelta.class);
    assertEquals(
        List.of(
            new StreamEvent.ToolCallDelta(
                0, 0, "toolu_01QE1WLsSVp5hy5Q3GmGTmjP", "updateIssueList", "")),
        calls);
    assertEquals(new Usage(565, 48, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void paddedJsonFromOpus3IsParsedNotMatched() {
    Collected d = decode(bytes("anthropic/messages-stream-text-then-tool-use-opus3.sse"));
    assertTrue(d.text().startsWith("<thinking>\nThe get_weather tool is relevant"));
    assertEquals("{\"location\": \"San Francisco, CA\"}", d.arguments(0));
    assertEquals(
        "toolu_01DYJo37oETVsCdLTTcCWcdq", d.only(StreamEvent.ToolCallDelta.class).get(0).id());
    assertEquals(
        new Usage(599, 135, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void thinkingBlocksBecomeReasoningDeltasAndSignaturesAreNotText() {
    Collected d = decode(bytes("anthropic/messages-thinking-stream.sse"));
    assertEquals(
        "The previous result was 925. Now I need to divide that by 5.\n\n925 ÷ 5 = 185",
        d.reasoning());
    assertEquals("925 ÷ 5 = 185", d.text());
    assertEquals(FinishReason.STOP, d.only(StreamEvent.Finish.class).get(0).reason());
    assertEquals(new Usage(69, 53, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void answerAfterToolResultIsText() {
    Collected d = decode(bytes("anthropic/messages-stream-after-tool-result.sse"));
    assertEquals(
        "The weather in San Francisco, CA is currently:\n"
            + "- **Temperature:** 68°F\n"
            + "- **Condition:** Sunny\n\n"
            + "It's a nice sunny day!",
        d.text());
    assertEquals(new Usage(770, 38, 0, 0, 0), d.only(StreamEvent.UsageReport.class).get(0).usage());
  }

  @Test
  void forcedJsonToolStreamsAsTextAndStops() {
    byte[] sse = bytes("anthropic/messages-tool-use-stream.sse");
    Collected d = decode(sse, new AnthropicStreamParser("anthropic", true), sse.length);
    assertEquals(
        "{\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\":"
            + " \"sunny\"}]}",
        d.text());
    assertTrue(d.only(StreamEvent.ToolCallDelta.class).isEmpty());
    assertEquals(FinishReason.STOP, d.only(StreamEvent.Finish.class).get(0).reason());
  }

  @Test
  void jsonToolIsAnOrdinaryToolWhenJsonModeWasNotAsked() {
    Collected d = decode(bytes("anthropic/messages-tool-use-stream.sse"));
    assertEquals("json", d.only(StreamEvent.ToolCallDelta.class).get(0).name());
    assertEquals(FinishReason.TOOL_CALLS, d.only(StreamEvent.Finish.class).get(0).reason());
  }

  @Test
  void errorEventAfterStatus200IsARetryableOverload() {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> decode(bytes("anthropic/messages-stream-error-event.sse")));
    assertEquals(503, e.status());
    assertTrue(e.retryable());
    assertEquals("overloaded_error", e.code());
    assertEquals("Overloaded", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 64})
  void eventsSplitAcrossReadsAndCrlfLineEndsDecodeTheSame(int chunk) {
    byte[] lf = bytes("anthropic/messages-thinking-stream.sse");
    byte[] crlf =
        new String(lf, StandardCharsets.UTF_8)
            .replace("\n", "\r\n")
            .getBytes(StandardCharsets.UTF_8);
    List<StreamEvent> whole = withoutStartTime(decode(lf).events());
    assertEquals(
        whole,
        withoutStartTime(decode(lf, new AnthropicStreamParser("anthropic"), chunk).events()));
    assertEquals(
        whole,
        withoutStartTime(decode(crlf, new AnthropicStreamParser("anthropic"), chunk).events()));
  }

  @Test
  void bodyEndingBeforeMessageStopIsNotFinished() {
    String full =
        new String(bytes("anthropic/messages-stream-tool-use.sse"), StandardCharsets.UTF_8);
    byte[] cut =
        full.substring(0, full.indexOf("event: message_delta")).getBytes(StandardCharsets.UTF_8);
    Collected d = decode(cut);
    assertFalse(d.finished());
    assertTrue(d.only(StreamEvent.Finish.class).isEmpty());
  }

  public static List<StreamEvent> withoutStartTime(List<StreamEvent> events) {
    return Arrays.asList(
        events.stream()
            .map(
                e ->
                    e instanceof StreamEvent.Start s
                        ? new StreamEvent.Start(s.id(), s.model(), 0)
                        : e)
            .toArray(StreamEvent[]::new));
  }

  /** Decodes the whole body; a decoder failure is thrown, as the adapter would see it. */
  private static Collected decode(byte[] sse, StreamParser parser, int chunk) {
    Collected collected = StreamCollector.decode(new SseChunkDecoder(parser), sse, chunk);
    if (collected.failure() instanceof RuntimeException failure) {
      throw failure;
    }
    return collected;
  }

  private static Collected decode(byte[] sse) {
    return decode(sse, new AnthropicStreamParser("anthropic"), sse.length);
  }
}
