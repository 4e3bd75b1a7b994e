package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.StreamCollector;
import ai.hyperion.testing.StreamCollector.Collected;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GeminiStreamParserTest {

  @Test
  void textStreamYieldsStartDeltasFinishAndTheLastUsage() {
    Collected decoded = decode(Fixtures.bytes("gemini/stream-generate-content-text.sse"), 8192);

    assertNull(decoded.failure());
    assertTrue(decoded.finished());
    List<StreamEvent> events = decoded.events();
    StreamEvent.Start start = assertInstanceOf(StreamEvent.Start.class, events.get(0));
    assertEquals("bH6LaZW8Fp_3nsEPqtaSwQ4", start.id());
    assertEquals("gemini-3-pro-preview", start.model());
    assertEquals("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y", text(events));
    assertEquals(
        List.of(
            new StreamEvent.Finish(0, FinishReason.STOP),
            new StreamEvent.UsageReport(new Usage(9, 23 + 185, 0, 0, 185))),
        events.subList(events.size() - 2, events.size()));
  }

  @Test
  void cumulativeUsageIsReportedOnceFromTheLastEvent() {
    List<StreamEvent> events =
        decode(Fixtures.bytes("gemini/stream-generate-content-text-usage.sse"), 8192).events();

    List<StreamEvent> usage =
        events.stream().filter(e -> e instanceof StreamEvent.UsageReport).toList();
    assertEquals(List.of(new StreamEvent.UsageReport(new Usage(18, 80 + 35, 0, 0, 35))), usage);
    String expected =
        IntStream.rangeClosed(1, 30).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
    assertEquals(expected, text(events));
  }

  @Test
  void promptCountThatChangesMidStreamIsTakenFromTheLastEvent() {
    Collected decoded =
        decode(Fixtures.bytes("gemini/stream-generate-content-text-2.0-flash.sse"), 8192);

    assertEquals("The capital of France is Paris.\n", text(decoded.events()));
    assertEquals(new StreamEvent.UsageReport(new Usage(13, 8)), last(decoded.events()));
  }

  @Test
  void eventsSplitAnywhereAcrossReadsDecodeTheSame() {
    byte[] body = Fixtures.bytes("gemini/stream-generate-content-text-after-function-response.sse");

    Collected whole = decode(body, body.length);
    Collected byteByByte = decode(body, 1);

    assertEquals("The temperature in Paris is 30°C.\n", text(byteByByte.events()));
    assertEquals(
        whole.events().subList(1, whole.events().size()),
        byteByByte.events().subList(1, byteByByte.events().size()));
    assertTrue(byteByByte.finished());
  }

  @Test
  void functionCallStreamEmitsOneWholeToolCallAndFinishesWithToolCalls() {
    List<StreamEvent> events =
        decode(Fixtures.bytes("gemini/stream-generate-content-function-call-verbatim.sse"), 100)
            .events();

    StreamEvent.ToolCallDelta call =
        assertInstanceOf(StreamEvent.ToolCallDelta.class, events.get(1));
    assertEquals(0, call.choice());
    assertEquals(0, call.index());
    assertEquals("get_capital", call.name());
    assertEquals("{\"country\":\"France\"}", call.argumentsFragment());
    assertTrue(call.id().matches("call_[A-Za-z0-9]{24}"), call.id());
    assertEquals(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS), events.get(2));
    assertEquals(new StreamEvent.UsageReport(new Usage(52, 5)), events.get(3));
  }

  @Test
  void functionCallSignatureIsKeptUnderItsShortIdAndFinishComesInALaterEvent() {
    Collected decoded =
        decode(Fixtures.sseFromJsonl("gemini/stream-generate-content-function-call.jsonl"), 64);

    assertTrue(decoded.finished());
    StreamEvent.ToolCallDelta call =
        assertInstanceOf(StreamEvent.ToolCallDelta.class, decoded.events().get(1));
    assertEquals("weather", call.name());
    assertTrue(call.id().matches("call_[A-Za-z0-9]{24}"), call.id());
    assertTrue(
        STATES
            .get(null, call.id())
            .orElseThrow()
            .value()
            .startsWith("EqUCCqICAb4+9vsh8Pd5taZVoPzSvjWWwzBrvhEQ"));
    assertEquals(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS), decoded.events().get(2));
    assertEquals(new StreamEvent.UsageReport(new Usage(29, 60, 0, 0, 45)), decoded.events().get(3));
  }

  @Test
  void bareErrorBodyAfterTheEventsFailsTheStream() {
    Collected decoded =
        decode(Fixtures.bytes("gemini/stream-generate-content-503-appended-as-reported.sse"), 8192);

    assertEquals("Okay", text(decoded.events()));
    ProviderException failure = assertInstanceOf(ProviderException.class, decoded.failure());
    assertEquals(503, failure.status());
    assertTrue(failure.retryable());
    assertEquals("The model is overloaded. Please try again later.", failure.getMessage());
    assertFalse(decoded.finished());
  }

  @Test
  void bareErrorBodyIsCaughtEvenWhenReadsSplitIt() {
    Collected decoded =
        decode(Fixtures.bytes("gemini/stream-generate-content-503-appended-as-reported.sse"), 3);

    assertEquals(503, assertInstanceOf(ProviderException.class, decoded.failure()).status());
  }

  @Test
  void errorEventInsideTheStreamFails() {
    byte[] body =
        ("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}],\"role\":"
                + " \"model\"}}]}\r\n\r\n"
                + "data: "
                + Fixtures.text("gemini/error-429-resource-exhausted.json").replace("\n", "")
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);

    Collected decoded = decode(body, 8192);

    ProviderException failure = assertInstanceOf(ProviderException.class, decoded.failure());
    assertEquals(429, failure.status());
    assertTrue(failure.retryable());
  }

  @Test
  void streamCutBeforeTheFinishReasonIsNotFinished() {
    String whole = Fixtures.text("gemini/stream-generate-content-text.sse");
    byte[] cut = whole.substring(0, whole.lastIndexOf("data: ")).getBytes(StandardCharsets.UTF_8);

    Collected decoded = decode(cut, 8192);

    assertNull(decoded.failure());
    assertFalse(decoded.finished());
    assertTrue(decoded.events().stream().noneMatch(e -> e instanceof StreamEvent.Finish));
  }

  @Test
  void promptBlockedStreamFinishesFiltered() {
    Collected decoded =
        decode(Fixtures.sseFromJsonl("gemini/stream-generate-content-prompt-blocked.jsonl"), 8192);

    assertTrue(decoded.finished());
    assertEquals(
        List.of(
            new StreamEvent.Finish(0, FinishReason.CONTENT_FILTER),
            new StreamEvent.UsageReport(new Usage(9, 0))),
        decoded.events().subList(1, 3));
  }

  @Test
  void thoughtPartsStreamAsReasoning() {
    byte[] body =
        ("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Counting"
                + " r's.\",\"thought\":true}],\"role\":\"model\"},\"index\":0}]}\n\n"
                + "data:"
                + " {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Three.\"}],\"role\":\"mod"
                + "el\"},\"finishReason\":\"STOP\",\"index\":0}]}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    List<StreamEvent> events = decode(body, 8192).events();

    assertEquals(new StreamEvent.ReasoningDelta(0, "Counting r's."), events.get(1));
    assertEquals(new StreamEvent.TextDelta(0, "Three."), events.get(2));
    assertEquals(new StreamEvent.Finish(0, FinishReason.STOP), events.get(3));
  }

  private static String text(List<StreamEvent> events) {
    return events.stream()
        .filter(e -> e instanceof StreamEvent.TextDelta)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  private static StreamEvent last(List<StreamEvent> events) {
    return events.get(events.size() - 1);
  }

  /** Where streams decoded here keep their thought signatures. */
  private static final InMemoryResumeStates STATES = new InMemoryResumeStates();

  private static Collected decode(byte[] body, int chunkSize) {
    return StreamCollector.decode(
        new GeminiChunkDecoder(
            "gemini", new GeminiStreamParser("gemini", new Continuity(STATES, null, "gemini"))),
        body,
        chunkSize);
  }
}
