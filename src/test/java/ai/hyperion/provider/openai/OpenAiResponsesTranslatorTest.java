package ai.hyperion.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.sse.SseChunkDecoder;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Native Responses answers and streams (the documented samples) → canonical model. */
class OpenAiResponsesTranslatorTest {

  private static JsonNode fixture(String name) throws Exception {
    return Json.parse(Fixtures.text("responses/" + name));
  }

  private static List<StreamEvent> parse(String name) {
    SseChunkDecoder decoder = new SseChunkDecoder(new OpenAiResponsesStreamParser("native"));
    List<StreamEvent> events = new ArrayList<>();
    byte[] bytes = Fixtures.text("responses/" + name).getBytes(StandardCharsets.UTF_8);
    decoder.feed(ByteBuffer.wrap(bytes), events::add);
    decoder.finish(events::add);
    return events;
  }

  @Test
  void textAnswerBecomesOneAssistantChoiceWithUsageAndKeepsTheNativeObject() throws Exception {
    JsonNode body = fixture("response-text.json");

    ChatResponse answer = OpenAiResponsesTranslator.read(body, "native");

    assertEquals("resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b", answer.id());
    assertEquals(1741476542L, answer.created());
    ChatResponse.Choice choice = answer.choices().get(0);
    assertTrue(choice.message().text().startsWith("In a peaceful grove beneath a silver moon"));
    assertEquals(FinishReason.STOP, choice.finishReason());
    assertEquals(36, answer.usage().promptTokens());
    assertEquals(87, answer.usage().completionTokens());
    assertEquals(body, answer.extras().get(ResponsesBody.NATIVE_ANSWER));
  }

  @Test
  void functionCallItemBecomesAToolCallWithItsCallId() throws Exception {
    ChatResponse answer =
        OpenAiResponsesTranslator.read(fixture("response-function-call.json"), "native");

    ChatResponse.Choice choice = answer.choices().get(0);
    assertNull(choice.message().text());
    assertEquals(
        List.of(
            new ToolCall(
                "call_unLAR8MvFNptuiZK6K6HCy5k",
                "get_weather",
                "{\"location\":\"Paris, France\"}")),
        choice.message().toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
  }

  @Test
  void answerAfterAFunctionOutputIsText() throws Exception {
    ChatResponse answer =
        OpenAiResponsesTranslator.read(
            fixture("response-after-function-call-output.json"), "native");

    assertTrue(answer.choices().get(0).message().text().startsWith("It is currently 14°C"));
    assertTrue(answer.choices().get(0).message().toolCalls().isEmpty());
    assertEquals(FinishReason.STOP, answer.choices().get(0).finishReason());
    assertEquals(356, answer.usage().totalTokens());
  }

  @Test
  void anAnswerWithoutOutputIsMalformed() {
    assertThrows(
        ProviderException.class,
        () -> OpenAiResponsesTranslator.read(Json.object().put("id", "resp_1"), "native"));
  }

  @Test
  void streamOfTextThenFunctionCallBecomesCanonicalEvents() {
    List<StreamEvent> events = parse("stream-text-then-function-call.sse");

    assertEquals(
        new StreamEvent.Start(
            "resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654",
            "gpt-4.1-2025-04-14",
            1741290958L),
        events.get(0));
    StringBuilder text = new StringBuilder();
    StringBuilder arguments = new StringBuilder();
    List<StreamEvent.ToolCallDelta> starts = new ArrayList<>();
    for (StreamEvent event : events) {
      if (event instanceof StreamEvent.TextDelta delta) {
        text.append(delta.text());
      } else if (event instanceof StreamEvent.ToolCallDelta call) {
        assertEquals(0, call.index());
        arguments.append(call.argumentsFragment());
        if (call.id() != null) {
          starts.add(call);
        }
      }
    }
    assertEquals("Let me check the weather in Paris.", text.toString());
    assertEquals("{\"location\":\"Paris, France\"}", arguments.toString());
    assertEquals(1, starts.size());
    assertEquals("call_Nw9Ho1SdgiUXmJ6zqBKNZq2c", starts.get(0).id());
    assertEquals("get_weather", starts.get(0).name());
    assertEquals(new StreamEvent.Finish(0, FinishReason.TOOL_CALLS), events.get(events.size() - 2));
    StreamEvent.UsageReport usage = (StreamEvent.UsageReport) events.get(events.size() - 1);
    assertEquals(89, usage.usage().totalTokens());
  }

  @Test
  void failedStreamEndsWithAProviderError() {
    ProviderException failure =
        assertThrows(ProviderException.class, () -> parse("stream-failed.sse"));
    assertEquals("The model failed to generate a response.", failure.getMessage());
    assertEquals("server_error", failure.code());
  }

  @Test
  void bodyIsForwardedByteExactUnlessTheModelChanges() throws Exception {
    byte[] raw =
        "{\"model\":\"gpt-4.1\", \"input\":\"hi\",\"x_unknown\":{\"n\":1.50}}"
            .getBytes(StandardCharsets.UTF_8);
    ResponsesBody body = new ResponsesBody(raw, "gpt-4.1", List.of());

    assertEquals(raw, body.forModel("gpt-4.1"), "the very bytes the client sent");
    JsonNode renamed = Json.MAPPER.readTree(body.forModel("gpt-4.1-2025-04-14"));
    assertEquals("gpt-4.1-2025-04-14", renamed.path("model").asText());
    assertEquals("hi", renamed.path("input").asText());
    assertEquals(1.5, renamed.at("/x_unknown/n").asDouble(), "unknown fields kept");
  }
}
