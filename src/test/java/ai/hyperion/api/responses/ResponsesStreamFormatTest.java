package ai.hyperion.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Canonical stream events → Responses API events, compared with the documented stream samples. */
class ResponsesStreamFormatTest {

  private final AtomicReference<ObjectNode> completed = new AtomicReference<>();

  private ResponsesStreamFormat format() throws Exception {
    ResponsesRequest request =
        ResponsesRequestReader.read(
            Json.parse("{\"model\":\"gpt-4.1\",\"input\":\"x\",\"stream\":true}"),
            Json.MAPPER.createArrayNode());
    return new ResponsesStreamFormat(
        ResponsesWriter.shell("resp_test", 1741290958L, "gpt-4.1", request.echo()), completed::set);
  }

  /** The events of SSE text, as JSON, checking that each event line names its data's type. */
  private static List<JsonNode> events(String sse) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String block : sse.split("\n\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] lines = block.strip().split("\n");
      assertTrue(lines[0].startsWith("event: "), block);
      assertTrue(lines[1].startsWith("data: "), block);
      JsonNode data = Json.parse(lines[1].substring(6));
      assertEquals(lines[0].substring(7), data.path("type").asText());
      events.add(data);
    }
    return events;
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  private static String write(ResponsesStreamFormat format, List<StreamEvent> events) {
    StringBuilder out = new StringBuilder();
    for (StreamEvent event : events) {
      format.write(event).forEach(out::append);
    }
    return out.toString();
  }

  @Test
  void textThenFunctionCallFollowsTheDocumentedEventSequence() throws Exception {
    List<StreamEvent> canonical = new ArrayList<>();
    canonical.add(new StreamEvent.Start("chatcmpl-1", "upstream", 1L));
    for (String delta : List.of("Let", " me", " check", " the", " weather", " in", " Paris", ".")) {
      canonical.add(new StreamEvent.TextDelta(0, delta));
    }
    canonical.add(new StreamEvent.ToolCallDelta(0, 0, "call_1", "get_weather", ""));
    for (String fragment : List.of("{\"", "location", "\":\"", "Paris", ",", " France", "\"}")) {
      canonical.add(new StreamEvent.ToolCallDelta(0, 0, null, null, fragment));
    }
    canonical.add(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS));
    canonical.add(new StreamEvent.UsageReport(new Usage(58, 31)));
    ResponsesStreamFormat format = format();

    List<JsonNode> ours = events(write(format, canonical) + format.end());

    List<JsonNode> documented =
        events(Fixtures.text("responses/stream-text-then-function-call.sse"));
    assertEquals(types(documented), types(ours));
    for (int i = 0; i < ours.size(); i++) {
      assertEquals(i, ours.get(i).path("sequence_number").asInt());
    }
    String messageId = ours.get(2).at("/item/id").asText();
    assertTrue(messageId.startsWith("msg_"));
    assertEquals(messageId, ours.get(4).path("item_id").asText());
    JsonNode textDone = ours.get(types(ours).indexOf("response.output_text.done"));
    assertEquals("Let me check the weather in Paris.", textDone.path("text").asText());
    JsonNode argumentsDone = ours.get(types(ours).indexOf("response.function_call_arguments.done"));
    assertEquals("{\"location\":\"Paris, France\"}", argumentsDone.path("arguments").asText());
    assertEquals(1, argumentsDone.path("output_index").asInt());
    JsonNode done = ours.get(ours.size() - 1).path("response");
    assertEquals("completed", done.path("status").asText());
    assertEquals("message", done.at("/output/0/type").asText());
    assertEquals("function_call", done.at("/output/1/type").asText());
    assertEquals("call_1", done.at("/output/1/call_id").asText());
    assertEquals(89, done.at("/usage/total_tokens").asInt());
    assertEquals(done.toString(), completed.get().toString(), "the finished response is stored");
  }

  @Test
  void plainTextMatchesTheDocumentedTextStream() throws Exception {
    ResponsesStreamFormat format = format();
    String sse =
        write(
                format,
                List.of(
                    new StreamEvent.Start("x", "y", 1L),
                    new StreamEvent.TextDelta(0, "In"),
                    new StreamEvent.TextDelta(0, " a grove."),
                    new StreamEvent.Finish(0, FinishReason.STOP)))
            + format.end();

    List<String> documented = types(events(Fixtures.text("responses/stream-text.sse")));
    assertEquals(
        documented.stream().distinct().toList(), types(events(sse)).stream().distinct().toList());
  }

  @Test
  void cutAtTheTokenLimitEndsIncomplete() throws Exception {
    ResponsesStreamFormat format = format();
    List<JsonNode> events =
        events(
            write(
                    format,
                    List.of(
                        new StreamEvent.Start("x", "y", 1L),
                        new StreamEvent.TextDelta(0, "Once upon"),
                        new StreamEvent.Finish(0, FinishReason.LENGTH)))
                + format.end());

    JsonNode last = events.get(events.size() - 1);
    assertEquals("response.incomplete", last.path("type").asText());
    assertEquals("max_output_tokens", last.at("/response/incomplete_details/reason").asText());
  }

  @Test
  void failureAfterTheStartIsResponseFailedAndNothingIsStored() throws Exception {
    ResponsesStreamFormat format = format();
    String sse =
        write(
                format,
                List.of(new StreamEvent.Start("x", "y", 1L), new StreamEvent.TextDelta(0, "I")))
            + format.error(
                GatewayError.of(
                    new ProviderException(502, "upstream_error", "bad", null, "it broke", false)));

    List<JsonNode> events = events(sse);
    JsonNode failed = events.get(events.size() - 1);
    assertEquals("response.failed", failed.path("type").asText());
    assertEquals("failed", failed.at("/response/status").asText());
    assertEquals("it broke", failed.at("/response/error/message").asText());
    assertNotNull(failed.get("sequence_number"));
    assertNull(completed.get());
  }
}
