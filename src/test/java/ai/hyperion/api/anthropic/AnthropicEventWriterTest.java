package ai.hyperion.api.anthropic;

import static ai.hyperion.provider.anthropic.AnthropicStreamParserTest.withoutStartTime;
import static ai.hyperion.testing.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.provider.anthropic.AnthropicStreams;
import ai.hyperion.testing.StreamCollector.Collected;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicEventWriterTest {

  private static List<AnthropicSseEvent> writeAll(
      AnthropicEventWriter writer, List<StreamEvent> events) {
    List<AnthropicSseEvent> out = new ArrayList<>();
    events.forEach(e -> out.addAll(writer.write(e)));
    out.addAll(writer.complete());
    return out;
  }

  private static byte[] sse(List<AnthropicSseEvent> events) {
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(e.toSse()));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(List<AnthropicSseEvent> events) {
    return events.stream().map(AnthropicSseEvent::event).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "messages-text-stream.sse",
        "messages-stream-text-max-tokens.sse",
        "messages-stream-cache-write.sse",
        "messages-stream-tool-use.sse",
        "messages-stream-text-then-tool-use-sdk-fixture.sse",
        "messages-stream-text-then-tool-use-opus3.sse",
        "messages-text-then-tool-use-stream.sse",
        "messages-thinking-stream.sse",
        "messages-stream-after-tool-result.sse",
        "messages-tool-use-stream.sse"
      })
  void writtenStreamParsesBackToTheSameCanonicalEvents(String fixture) {
    Collected upstream = AnthropicStreams.decode(bytes("anthropic/" + fixture));
    StreamEvent.Start start = (StreamEvent.Start) upstream.events().get(0);
    byte[] written = sse(writeAll(new AnthropicEventWriter(start.model()), upstream.events()));
    Collected reparsed = AnthropicStreams.decode(written);
    assertTrue(reparsed.finished(), "ends with message_stop");
    assertEquals(withoutStartTime(upstream.events()), withoutStartTime(reparsed.events()));
  }

  @Test
  void eventSequenceIsAnthropicsApartFromPings() {
    String fixture =
        new String(
            bytes("anthropic/messages-stream-text-then-tool-use-sdk-fixture.sse"),
            StandardCharsets.UTF_8);
    List<String> recorded = new ArrayList<>();
    for (String block : fixture.split("\n\n")) {
      String name =
          block.lines().filter(l -> l.startsWith("event: ")).findFirst().orElseThrow().substring(7);
      if (!name.equals("ping")) {
        recorded.add(name);
      }
    }
    Collected upstream = AnthropicStreams.decode(fixture.getBytes(StandardCharsets.UTF_8));
    List<AnthropicSseEvent> written =
        writeAll(new AnthropicEventWriter("claude-sonnet-4-20250514"), upstream.events());
    assertEquals(recorded, names(written));
  }

  @Test
  void openAiShapedStreamBecomesBlocksWithUsageInMessageDelta() {
    AnthropicEventWriter writer = new AnthropicEventWriter("gpt-4o");
    List<AnthropicSseEvent> out = new ArrayList<>();
    out.addAll(writer.write(new StreamEvent.Start("chatcmpl-1", "gpt-4o-2024-08-06", 1)));
    out.addAll(writer.write(new StreamEvent.TextDelta(0, "Checking.")));
    out.addAll(writer.write(new StreamEvent.ToolCallDelta(0, 0, "call_a", "get_weather", "")));
    out.addAll(writer.write(new StreamEvent.ToolCallDelta(0, 0, null, null, "{\"city\":")));
    out.addAll(writer.write(new StreamEvent.ToolCallDelta(0, 0, null, null, "\"Paris\"}")));
    out.addAll(writer.write(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS)));
    out.addAll(writer.write(new StreamEvent.UsageReport(new Usage(120, 20, 100, 0, 0))));
    assertTrue(
        writer.complete().isEmpty(), "the message was closed as soon as usage followed the finish");
    assertEquals(
        List.of(
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"),
        names(out));
    for (AnthropicSseEvent e : out) {
      assertEquals(e.event(), data(e).get("type").asText(), "data.type names the event");
    }
    JsonNode message = data(out.get(0)).get("message");
    assertEquals("msg_chatcmpl-1", message.get("id").asText());
    assertEquals("gpt-4o", message.get("model").asText());
    assertEquals(0, message.get("content").size());
    JsonNode tool = data(out.get(4)).get("content_block");
    assertEquals("call_a", tool.get("id").asText());
    assertEquals(1, data(out.get(4)).get("index").asInt());
    assertEquals("", data(out.get(5)).get("delta").get("partial_json").asText());
    JsonNode delta = data(out.get(9));
    assertEquals("tool_use", delta.get("delta").get("stop_reason").asText());
    assertEquals(20, delta.get("usage").get("input_tokens").asInt());
    assertEquals(100, delta.get("usage").get("cache_read_input_tokens").asInt());
    assertEquals(20, delta.get("usage").get("output_tokens").asInt());
  }

  @Test
  void streamWithoutUsageIsClosedOnCompletion() {
    AnthropicEventWriter writer = new AnthropicEventWriter("m");
    writer.write(new StreamEvent.Start("msg_x", "m", 0));
    writer.write(new StreamEvent.TextDelta(0, "hi"));
    List<AnthropicSseEvent> finish = writer.write(new StreamEvent.Finish(0, FinishReason.LENGTH));
    assertEquals(List.of("content_block_stop"), names(finish));
    List<AnthropicSseEvent> end = writer.complete();
    assertEquals(List.of("message_delta", "message_stop"), names(end));
    assertEquals("max_tokens", data(end.get(0)).get("delta").get("stop_reason").asText());
    assertTrue(writer.write(new StreamEvent.TextDelta(0, "late")).isEmpty());
  }

  @Test
  void emptyStreamIsStillAWholeMessage() {
    List<AnthropicSseEvent> out = new AnthropicEventWriter("m").complete();
    assertEquals(List.of("message_start", "message_delta", "message_stop"), names(out));
    assertTrue(data(out.get(0)).get("message").get("id").asText().startsWith("msg_"));
  }

  @Test
  void rendersServerSentEventText() {
    assertEquals("event: ping\ndata: {\"type\":\"ping\"}\n\n", AnthropicEventWriter.ping().toSse());
    List<AnthropicSseEvent> out = new AnthropicEventWriter("m").complete();
    assertEquals("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", out.get(2).toSse());
  }

  private static JsonNode data(AnthropicSseEvent event) {
    return Json.tryParse(event.data().getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }
}
