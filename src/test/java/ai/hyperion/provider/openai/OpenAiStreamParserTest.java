package ai.hyperion.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.openai.OpenAiChunkWriter;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamParserTest {

  private static List<StreamEvent> parse(String sse) {
    SseChunkDecoder decoder = new SseChunkDecoder(new OpenAiStreamParser("openai"));
    List<StreamEvent> events = new ArrayList<>();
    decoder.feed(ByteBuffer.wrap(sse.getBytes(StandardCharsets.UTF_8)), events::add);
    decoder.finish(events::add);
    assertTrue(decoder.finished(), "the recorded stream ends with [DONE]");
    return events;
  }

  @Test
  void recordedTextStreamBecomesStartDeltasFinishAndUsage() {
    List<StreamEvent> events = parse(Fixtures.text("openai/chat-stream-usage.sse"));

    StreamEvent.Start start = (StreamEvent.Start) events.get(0);
    assertEquals("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL", start.id());
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(e -> e instanceof StreamEvent.TextDelta)
        .forEach(e -> text.append(((StreamEvent.TextDelta) e).text()));
    assertTrue(text.toString().startsWith("I'm unable to provide"));
    assertTrue(events.contains(new StreamEvent.Finish(0, FinishReason.STOP)));
    StreamEvent last = events.get(events.size() - 1);
    assertTrue(
        last instanceof StreamEvent.UsageReport u && u.usage().completionTokens() > 0,
        last.toString());
  }

  @Test
  void recordedToolCallStreamKeepsIdNameAndArgumentFragments() {
    List<StreamEvent> events = parse(Fixtures.text("openai/chat-stream-tool-call.sse"));

    List<StreamEvent.ToolCallDelta> calls =
        events.stream()
            .filter(e -> e instanceof StreamEvent.ToolCallDelta)
            .map(e -> (StreamEvent.ToolCallDelta) e)
            .toList();
    assertEquals("call_4XzlGBLtUe9dy3GVNV4jhq7h", calls.get(0).id());
    assertEquals("get_weather", calls.get(0).name());
    String arguments =
        calls.stream().map(StreamEvent.ToolCallDelta::argumentsFragment).reduce("", String::concat);
    assertTrue(arguments.startsWith("{") && arguments.endsWith("}"), arguments);
    assertTrue(events.contains(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS)));
  }

  @Test
  void chunkWriterRoundTripsTheRecordedStream() {
    List<StreamEvent> events = parse(Fixtures.text("openai/chat-stream-tool-call.sse"));
    OpenAiChunkWriter writer = new OpenAiChunkWriter("gpt-4o-2024-08-06", true);
    StringBuilder rewritten = new StringBuilder();
    for (StreamEvent event : events) {
      String chunk = writer.write(event);
      if (chunk != null) {
        rewritten.append("data: ").append(chunk).append("\n\n");
      }
    }
    rewritten.append("data: [DONE]\n\n");
    assertEquals(events, parse(rewritten.toString()));
  }

  @Test
  void anErrorChunkInsideTheStreamFails() {
    SseChunkDecoder decoder = new SseChunkDecoder(new OpenAiStreamParser("openai"));
    String sse =
        "data:"
            + " {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"
            + "\n\n";
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> decoder.feed(ByteBuffer.wrap(sse.getBytes(StandardCharsets.UTF_8)), x -> {}));
    assertEquals("overloaded", e.getMessage());
    assertTrue(e.retryable());
  }
}
