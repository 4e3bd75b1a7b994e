package ai.hyperion.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResponsesBody;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical answers → response objects, shaped like the documented ones. */
class ResponsesWriterTest {

  private static ObjectNode echo(String body) throws Exception {
    return ResponsesRequestReader.read(Json.parse(body), Json.MAPPER.createArrayNode()).echo();
  }

  private static ChatResponse answer(ChatMessage message, FinishReason reason) {
    return new ChatResponse(
        "chatcmpl-1",
        1L,
        "upstream-model",
        List.of(new ChatResponse.Choice(0, message, reason, null)),
        new Usage(36, 87, 4, 0, 2),
        null);
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void textAnswerHasEveryFieldOfTheDocumentedResponseObject() throws Exception {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("Once upon a time.")),
            true,
            List.of(),
            null,
            null);

    ObjectNode response =
        ResponsesWriter.answer(
            answer(message, FinishReason.STOP),
            "resp_1",
            1741476542L,
            "gpt-4.1",
            echo("{\"model\":\"gpt-4.1\",\"input\":\"x\",\"metadata\":{\"k\":\"v\"}}"));

    JsonNode documented = Json.parse(Fixtures.text("responses/response-text.json"));
    for (String field : fields(documented)) {
      assertTrue(response.has(field), "missing " + field);
    }
    assertEquals("response", response.path("object").asText());
    assertEquals("completed", response.path("status").asText());
    assertEquals("gpt-4.1", response.path("model").asText(), "the served model");
    JsonNode item = response.at("/output/0");
    assertEquals(
        fields(documented.at("/output/0")).stream().sorted().toList(),
        fields(item).stream().sorted().toList());
    assertEquals("Once upon a time.", item.at("/content/0/text").asText());
    assertEquals(36, response.at("/usage/input_tokens").asInt());
    assertEquals(4, response.at("/usage/input_tokens_details/cached_tokens").asInt());
    assertEquals(2, response.at("/usage/output_tokens_details/reasoning_tokens").asInt());
    assertEquals(123, response.at("/usage/total_tokens").asInt());
    assertEquals("v", response.at("/metadata/k").asText());
    assertEquals("auto", response.path("tool_choice").asText());
    assertEquals("text", response.at("/text/format/type").asText());
  }

  @Test
  void toolCallsBecomeFunctionCallItems() throws Exception {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            null,
            true,
            List.of(new ToolCall("call_1", "get_weather", "{\"location\":\"Paris\"}")),
            null,
            null);

    ObjectNode response =
        ResponsesWriter.answer(
            answer(message, FinishReason.TOOL_CALLS),
            "resp_1",
            1L,
            "gpt-4.1",
            echo("{\"model\":\"gpt-4.1\",\"input\":\"x\"}"));

    JsonNode documented =
        Json.parse(Fixtures.text("responses/response-function-call.json")).at("/output/0");
    JsonNode item = response.at("/output/0");
    assertEquals(
        fields(documented).stream().sorted().toList(), fields(item).stream().sorted().toList());
    assertEquals("call_1", item.path("call_id").asText());
    assertEquals("get_weather", item.path("name").asText());
    assertTrue(item.path("id").asText().startsWith("fc_"));
  }

  @Test
  void lengthFinishIsIncomplete() throws Exception {
    ObjectNode response =
        ResponsesWriter.answer(
            answer(ChatMessage.text(Role.ASSISTANT, "Once"), FinishReason.LENGTH),
            "resp_1",
            1L,
            "gpt-4.1",
            echo("{\"model\":\"gpt-4.1\",\"input\":\"x\",\"max_output_tokens\":1}"));

    assertEquals("incomplete", response.path("status").asText());
    assertEquals("max_output_tokens", response.at("/incomplete_details/reason").asText());
    assertEquals(1, response.path("max_output_tokens").asInt());
  }

  @Test
  void nativeAnswerIsPassedOnWithTheGatewaysIdAndModel() throws Exception {
    JsonNode upstream = Json.parse(Fixtures.text("responses/response-text.json"));
    ChatResponse canonical =
        new ChatResponse(
            "x",
            1L,
            "m",
            List.of(),
            null,
            Json.object().set(ResponsesBody.NATIVE_ANSWER, upstream));

    ObjectNode response =
        ResponsesWriter.answer(
            canonical, "resp_gw", 1L, "gpt-4.1", echo("{\"model\":\"gpt-4.1\",\"input\":\"x\"}"));

    assertEquals("resp_gw", response.path("id").asText());
    assertEquals("gpt-4.1", response.path("model").asText());
    assertEquals(upstream.path("output"), response.path("output"));
    assertEquals(upstream.path("usage"), response.path("usage"));
  }
}
