package ai.hyperion.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.openai.OpenAiChunkWriter;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** A cached answer replayed as a canonical stream, checked event by event and as OpenAI chunks. */
class StreamReplayTest {

  private static final String LONG_TEXT =
      "Paris is the capital of France. It has been since the 10th century, with interruptions; "
          + "the city is also the country's largest. 🇫🇷";

  private static ChatResponse twoChoicesWithToolCall() {
    ChatMessage text = ChatMessage.text(Role.ASSISTANT, LONG_TEXT);
    ChatMessage call =
        new ChatMessage(
            Role.ASSISTANT,
            null,
            true,
            List.of(
                new ToolCall("call_a", "weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_b", "time", "{}")),
            null,
            null);
    return new ChatResponse(
        "chatcmpl-1",
        1_700_000_000L,
        "gpt-4o",
        List.of(
            new ChatResponse.Choice(0, text, FinishReason.STOP, null),
            new ChatResponse.Choice(1, call, FinishReason.TOOL_CALLS, null)),
        new Usage(30, 40, 10, 0, 0),
        null);
  }

  @Test
  void theEventsFormAWellFormedStreamThatRebuildsTheAnswer() {
    List<StreamEvent> events = StreamReplay.events(twoChoicesWithToolCall());
    StreamEvent.Start start = assertInstanceOf(StreamEvent.Start.class, events.get(0));
    assertEquals("chatcmpl-1", start.id());
    assertEquals("gpt-4o", start.model());
    assertInstanceOf(StreamEvent.UsageReport.class, events.get(events.size() - 1));

    StringBuilder text = new StringBuilder();
    List<String> names = new ArrayList<>();
    StringBuilder arguments = new StringBuilder();
    int finishes = 0;
    boolean finished0 = false;
    for (StreamEvent event : events.subList(1, events.size() - 1)) {
      if (event instanceof StreamEvent.TextDelta t) {
        assertEquals(0, t.choice());
        assertTrue(!finished0, "no text after its choice finished");
        assertTrue(t.text().length() <= StreamReplay.CHUNK);
        text.append(t.text());
      } else if (event instanceof StreamEvent.ToolCallDelta c) {
        assertEquals(1, c.choice());
        if (c.id() != null) {
          names.add(c.index() + ":" + c.id() + ":" + c.name());
        } else {
          arguments.append(c.argumentsFragment());
        }
      } else if (event instanceof StreamEvent.Finish f) {
        finishes++;
        finished0 |= f.choice() == 0;
        assertEquals(f.choice() == 0 ? FinishReason.STOP : FinishReason.TOOL_CALLS, f.reason());
      } else {
        throw new AssertionError("Unexpected event in the middle: " + event);
      }
    }
    assertEquals(LONG_TEXT, text.toString());
    assertTrue(events.stream().filter(e -> e instanceof StreamEvent.TextDelta).count() > 1);
    assertEquals(List.of("0:call_a:weather", "1:call_b:time"), names);
    assertEquals("{\"city\":\"Paris\"}{}", arguments.toString());
    assertEquals(2, finishes);
  }

  @Test
  void theOpenAiChunkWriterTurnsTheReplayIntoValidChunks() throws Exception {
    OpenAiChunkWriter writer = new OpenAiChunkWriter("gpt-4o", true);
    List<JsonNode> chunks = new ArrayList<>();
    for (StreamEvent event : StreamReplay.events(twoChoicesWithToolCall())) {
      String chunk = writer.write(event);
      if (chunk != null) {
        chunks.add(Json.parse(chunk));
      }
    }
    StringBuilder content = new StringBuilder();
    for (JsonNode chunk : chunks) {
      assertEquals("chat.completion.chunk", chunk.path("object").asText());
      assertEquals("chatcmpl-1", chunk.path("id").asText());
      for (JsonNode choice : chunk.path("choices")) {
        if (choice.path("index").asInt() == 0) {
          content.append(choice.path("delta").path("content").asText(""));
        }
      }
    }
    assertEquals(LONG_TEXT, content.toString());
    JsonNode last = chunks.get(chunks.size() - 1);
    assertEquals(0, last.path("choices").size());
    assertEquals(30, last.path("usage").path("prompt_tokens").asInt());
  }

  @Test
  void thePublisherHonoursDemandAndCompletesOnce() {
    List<StreamEvent> received = new ArrayList<>();
    int[] completions = {0};
    Flow.Subscription[] subscription = new Flow.Subscription[1];
    StreamReplay.publisher(twoChoicesWithToolCall())
        .subscribe(
            new Flow.Subscriber<>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription[0] = s;
              }

              @Override
              public void onNext(StreamEvent item) {
                received.add(item);
              }

              @Override
              public void onError(Throwable throwable) {
                throw new AssertionError(throwable);
              }

              @Override
              public void onComplete() {
                completions[0]++;
              }
            });
    assertEquals(0, received.size(), "nothing before demand");
    subscription[0].request(2);
    assertEquals(2, received.size());
    subscription[0].request(Long.MAX_VALUE);
    subscription[0].request(Long.MAX_VALUE);
    assertEquals(StreamReplay.events(twoChoicesWithToolCall()), received);
    assertEquals(1, completions[0]);
  }
}
