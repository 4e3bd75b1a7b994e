package ai.hyperion.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Responses API requests (the documented samples) → canonical chat requests. */
class ResponsesRequestReaderTest {

  private static final ArrayNode NO_HISTORY = Json.MAPPER.createArrayNode();

  private static JsonNode fixture(String name) throws Exception {
    return Json.parse(Fixtures.text("responses/" + name));
  }

  private static ResponsesRequest read(String json) throws Exception {
    return ResponsesRequestReader.read(Json.parse(json), NO_HISTORY);
  }

  @Test
  void textInputWithInstructionsAndSettings() throws Exception {
    ResponsesRequest read =
        ResponsesRequestReader.read(fixture("create-request-text.json"), NO_HISTORY);
    ChatRequest chat = read.chat();

    assertEquals("gpt-4.1", chat.model());
    assertEquals(
        List.of(
            ChatMessage.text(Role.SYSTEM, "You are a storyteller for small children."),
            new ChatMessage(
                Role.USER,
                List.of(
                    new ContentPart.Text(
                        "Tell me a three sentence bedtime story about a unicorn.")),
                false,
                List.of(),
                null,
                null)),
        chat.messages());
    assertEquals(256, chat.maxCompletionTokens());
    assertEquals(0.7, chat.temperature());
    assertFalse(chat.stream());
    assertEquals("low", chat.extras().path("reasoning_effort").asText());
    assertEquals("auto", chat.extras().path("service_tier").asText());
    assertEquals("stories-v1", chat.extras().path("prompt_cache_key").asText());
    assertFalse(chat.extras().has("include"), "Responses-only fields are not sent to chat");
    assertFalse(chat.extras().has("metadata"));
    assertTrue(read.store(), "store defaults to true, as on OpenAI");
    assertEquals("bedtime-42", read.echo().at("/metadata/session").asText());
    assertEquals(1, read.inputItems().size());
    assertEquals("message", read.inputItems().get(0).path("type").asText());
    assertTrue(read.inputItems().get(0).path("id").asText().startsWith("msg_"));
  }

  @Test
  void functionToolsAndToolChoice() throws Exception {
    ChatRequest chat =
        ResponsesRequestReader.read(fixture("create-request-function-tools.json"), NO_HISTORY)
            .chat();

    assertEquals(1, chat.tools().size());
    assertEquals("get_weather", chat.tools().get(0).name());
    assertEquals("object", chat.tools().get(0).parameters().path("type").asText());
    assertEquals("auto", chat.toolChoice().asText());

    ChatRequest named =
        read("{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"function\","
                + "\"name\":\"get_weather\"}}")
            .chat();
    assertEquals("get_weather", named.toolChoice().at("/function/name").asText());
  }

  @Test
  void functionCallAndItsOutputBecomeAnAssistantToolCallAndAToolTurn() throws Exception {
    List<ChatMessage> messages =
        ResponsesRequestReader.read(
                fixture("create-request-function-round-trip-stateless.json"), NO_HISTORY)
            .chat()
            .messages();

    assertEquals(3, messages.size());
    assertEquals(Role.USER, messages.get(0).role());
    assertEquals(Role.ASSISTANT, messages.get(1).role());
    assertEquals(
        List.of(
            new ToolCall(
                "call_unLAR8MvFNptuiZK6K6HCy5k",
                "get_weather",
                "{\"location\":\"Paris, France\"}")),
        messages.get(1).toolCalls());
    assertEquals(Role.TOOL, messages.get(2).role());
    assertEquals("call_unLAR8MvFNptuiZK6K6HCy5k", messages.get(2).toolCallId());
    assertEquals("{\"temperature_c\": 14, \"conditions\": \"light rain\"}", messages.get(2).text());
  }

  @Test
  void previousConversationComesFirst() throws Exception {
    JsonNode previous = fixture("response-function-call.json");
    ArrayNode history = Json.MAPPER.createArrayNode();
    history.addAll(
        ResponsesInputReader.normalize(Json.parse("\"What is the weather like in Paris today?\"")));
    previous.path("output").forEach(history::add);

    ResponsesRequest read =
        ResponsesRequestReader.read(fixture("create-request-function-call-output.json"), history);

    List<ChatMessage> messages = read.chat().messages();
    assertEquals(3, messages.size());
    assertEquals("get_weather", messages.get(1).toolCalls().get(0).name());
    assertEquals(Role.TOOL, messages.get(2).role());
    assertEquals(
        "resp_67ca09c5efe0819096d0511c92b8c890096610f474011cc0", read.previousResponseId());
    assertEquals(1, read.inputItems().size(), "only this request's own input is its input");
  }

  @Test
  void jsonSchemaFormatBecomesAChatResponseFormat() throws Exception {
    ChatRequest chat =
        ResponsesRequestReader.read(fixture("create-request-json-schema.json"), NO_HISTORY).chat();

    assertEquals("json_schema", chat.responseFormat().path("type").asText());
    assertEquals("calendar_event", chat.responseFormat().at("/json_schema/name").asText());
    assertTrue(chat.responseFormat().at("/json_schema/strict").asBoolean());
    assertEquals(
        "array",
        chat.responseFormat().at("/json_schema/schema/properties/participants/type").asText());
    assertEquals(Role.SYSTEM, chat.messages().get(0).role());
  }

  @Test
  void imagePartsBecomeImages() throws Exception {
    ChatMessage message =
        ResponsesRequestReader.read(fixture("create-request-image-input.json"), NO_HISTORY)
            .chat()
            .messages()
            .get(0);

    assertEquals(new ContentPart.Text("what's in this image?"), message.content().get(0));
    ContentPart.Image image = (ContentPart.Image) message.content().get(1);
    assertTrue(image.url().endsWith("nature-boardwalk.jpg"));
    assertEquals("auto", image.detail());
  }

  @Test
  void hostedToolsAreNamedForTheGatewayToRefuseOrForward() throws Exception {
    ResponsesRequest read =
        ResponsesRequestReader.read(fixture("create-request-web-search.json"), NO_HISTORY);

    assertEquals(List.of("web_search_preview"), read.builtInTools());
    assertTrue(read.chat().tools().isEmpty());
  }

  @Test
  void streamingAsksForUsage() throws Exception {
    ChatRequest chat = read("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}").chat();
    assertTrue(chat.stream());
    assertTrue(chat.includeUsage(), "response.completed reports usage");
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    assertEquals("model", refused("{\"input\":\"x\"}").param());
    assertEquals("input", refused("{\"model\":\"m\"}").param());
    assertEquals("input", refused("{\"model\":\"m\",\"input\":42}").param());
    assertEquals(
        "input[0].role", refused("{\"model\":\"m\",\"input\":[{\"role\":\"boss\"}]}").param());
    assertEquals(
        "input[0].content[0].image_url",
        refused(
                "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}]}")
            .param());
    assertEquals(
        "tools[0].type",
        refused("{\"model\":\"m\",\"input\":\"x\",\"tools\":[{\"type\":\"telepathy\"}]}").param());
    assertEquals(
        "text.format",
        refused(
                "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"json_schema\""
                    + "}}}")
            .param());
    assertEquals(
        "max_output_tokens",
        refused("{\"model\":\"m\",\"input\":\"x\",\"max_output_tokens\":0}").param());
    assertEquals("metadata", refused("{\"model\":\"m\",\"input\":\"x\",\"metadata\":[1]}").param());
    assertEquals(
        "background", refused("{\"model\":\"m\",\"input\":\"x\",\"background\":true}").param());
    assertEquals(
        "input[0].type",
        refused("{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]}")
            .param());
  }

  private static InvalidRequestException refused(String body) {
    return assertThrows(InvalidRequestException.class, () -> read(body));
  }
}
