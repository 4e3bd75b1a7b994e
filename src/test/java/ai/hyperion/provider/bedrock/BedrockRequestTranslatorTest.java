package ai.hyperion.provider.bedrock;

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
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockRequestTranslatorTest {

  private static final String PNG =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5Er"
          + "kJggg==";

  private static ChatRequest request(
      List<ChatMessage> messages,
      List<ToolDefinition> tools,
      JsonNode toolChoice,
      JsonNode format) {
    return new ChatRequest(
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        messages,
        false,
        false,
        null,
        512,
        0.2,
        0.9,
        List.of("END"),
        tools,
        toolChoice,
        format,
        Json.object().put("seed", 7));
  }

  private static ChatMessage message(Role role, ContentPart... parts) {
    return new ChatMessage(role, List.of(parts), false, List.of(), null, null);
  }

  private static JsonNode json(String text) throws Exception {
    return Json.parse(text);
  }

  private static final ToolDefinition WEATHER =
      new ToolDefinition(
          "get_weather", "Weather for a city", Json.object().put("type", "object"), null);

  @Test
  void writesAToolConversationInConverseShape() throws Exception {
    ChatMessage assistant =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("Let me check.")),
            true,
            List.of(
                new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")),
            null,
            null);
    ChatRequest chat =
        request(
            List.of(
                ChatMessage.text(Role.SYSTEM, "You are terse."),
                message(
                    Role.USER,
                    new ContentPart.Text("Weather in Paris and Rome?"),
                    new ContentPart.Image("data:image/png;base64," + PNG, null)),
                assistant,
                new ChatMessage(
                    Role.TOOL,
                    List.of(new ContentPart.Text("18C sunny")),
                    true,
                    List.of(),
                    "call_1",
                    null),
                new ChatMessage(
                    Role.TOOL,
                    List.of(new ContentPart.Text("25C")),
                    true,
                    List.of(),
                    "call_2",
                    null),
                ChatMessage.text(Role.USER, "And tomorrow?")),
            List.of(WEATHER),
            Json.NODES.textNode("auto"),
            null);

    ObjectNode body = BedrockRequestTranslator.write(chat);

    assertEquals(
        json(
            """
            {"system":[{"text":"You are terse."}],
             "messages":[
              {"role":"user","content":[{"text":"Weather in Paris and Rome?"},
                {"image":{"format":"png","source":{"bytes":"%s"}}}]},
              {"role":"assistant","content":[{"text":"Let me check."},
                {"toolUse":{"toolUseId":"call_1","name":"get_weather","input":{"city":"Paris"}}},
                {"toolUse":{"toolUseId":"call_2","name":"get_weather","input":{"city":"Rome"}}}]},
              {"role":"user","content":[
                {"toolResult":{"toolUseId":"call_1","content":[{"text":"18C sunny"}]}},
                {"toolResult":{"toolUseId":"call_2","content":[{"text":"25C"}]}},
                {"text":"And tomorrow?"}]}],
             "inferenceConfig":{"maxTokens":512,"temperature":0.2,"topP":0.9,
                 "stopSequences":["END"]},
             "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather",
                 "description":"Weather for a city",
                "inputSchema":{"json":{"type":"object"}}}}],"toolChoice":{"auto":{}}}}
            """
                .formatted(PNG)),
        body);
  }

  @Test
  void cacheControlBecomesACachePointAfterTheBlock() throws Exception {
    JsonNode ephemeral = json("{\"type\":\"ephemeral\"}");
    ChatRequest chat =
        request(
            List.of(
                message(Role.SYSTEM, new ContentPart.Text("Long policy text", ephemeral)),
                message(
                    Role.USER,
                    new ContentPart.Text("Big document", ephemeral),
                    new ContentPart.Text("Question?"))),
            List.of(new ToolDefinition("lookup", null, null, ephemeral)),
            null,
            null);

    ObjectNode body = BedrockRequestTranslator.write(chat);

    assertEquals(
        json("[{\"text\":\"Long policy text\"},{\"cachePoint\":{\"type\":\"default\"}}]"),
        body.get("system"));
    assertEquals(
        json(
            "[{\"text\":\"Big"
                + " document\"},{\"cachePoint\":{\"type\":\"default\"}},{\"text\":\"Question?\"}]"),
        body.path("messages").get(0).get("content"));
    assertEquals(
        json(
            "[{\"toolSpec\":{\"name\":\"lookup\",\"inputSchema\":{\"json\":{\"type\":\"object\","
                + "\"properties\":{}}}}},"
                + "{\"cachePoint\":{\"type\":\"default\"}}]"),
        body.path("toolConfig").get("tools"));
  }

  @Test
  void mapsToolChoices() throws Exception {
    ChatMessage ask = ChatMessage.text(Role.USER, "Weather?");
    assertEquals(
        json("{\"any\":{}}"),
        BedrockRequestTranslator.write(
                request(List.of(ask), List.of(WEATHER), Json.NODES.textNode("required"), null))
            .path("toolConfig")
            .get("toolChoice"));
    assertEquals(
        json("{\"tool\":{\"name\":\"get_weather\"}}"),
        BedrockRequestTranslator.write(
                request(
                    List.of(ask),
                    List.of(WEATHER),
                    json("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}"),
                    null))
            .path("toolConfig")
            .get("toolChoice"));
    assertFalse(
        BedrockRequestTranslator.write(
                request(List.of(ask), List.of(WEATHER), Json.NODES.textNode("none"), null))
            .has("toolConfig"));
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                BedrockRequestTranslator.write(
                    request(
                        List.of(ask), List.of(WEATHER), Json.NODES.textNode("sometimes"), null)));
    assertEquals("tool_choice", e.param());
  }

  @Test
  void anImageUrlIsRejectedBecauseBedrockCannotFetchIt() {
    ChatRequest chat =
        request(
            List.of(
                message(
                    Role.USER,
                    new ContentPart.Text("What is this?"),
                    new ContentPart.Image("https://example.com/cat.png", "high"))),
            List.of(),
            null,
            null);

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> BedrockRequestTranslator.write(chat));

    assertEquals("messages[0].content[1].image_url.url", e.param());
    assertTrue(e.getMessage().contains("does not fetch image URLs"), e.getMessage());
  }

  @Test
  void aPdfFileBecomesADocumentBlock() throws Exception {
    ChatRequest chat =
        request(
            List.of(
                message(
                    Role.USER,
                    new ContentPart.File(
                        "Q3 report (final).pdf", "data:application/pdf;base64,JVBERi0xLjQK"),
                    new ContentPart.Text("Summarise."))),
            List.of(),
            null,
            null);

    JsonNode content = BedrockRequestTranslator.write(chat).path("messages").get(0).get("content");

    assertEquals(
        json(
            "{\"document\":{\"format\":\"pdf\",\"name\":\"Q3 report"
                + " (final)\",\"source\":{\"bytes\":\"JVBERi0xLjQK\"}}}"),
        content.get(0));
  }

  @Test
  void responseFormatsAreTranslatedBestEffort() throws Exception {
    ChatMessage ask = ChatMessage.text(Role.USER, "A person, please.");
    ObjectNode schema =
        BedrockRequestTranslator.write(
            request(
                List.of(ask),
                List.of(),
                null,
                json(
                    "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"person\",\"schema\":{"
                        + "\"type\":\"object\"},\"strict\":true}}")));
    assertEquals(
        json(
            "{\"textFormat\":{\"type\":\"json_schema\",\"structure\":{\"jsonSchema\":"
                + "{\"schema\":\"{\\\"type\\\":\\\"object\\\"}\",\"name\":\"person\"}}}}"),
        schema.get("outputConfig"));

    ObjectNode object =
        BedrockRequestTranslator.write(
            request(List.of(ask), List.of(), null, json("{\"type\":\"json_object\"}")));
    assertEquals(
        BedrockRequestTranslator.JSON_OBJECT_INSTRUCTION,
        object.path("system").get(0).get("text").asText());
    assertFalse(object.has("outputConfig"));
  }

  @Test
  void consecutiveUserMessagesAreMergedAndUnsupportedPartsRejected() throws Exception {
    ObjectNode body =
        BedrockRequestTranslator.write(
            request(
                List.of(
                    ChatMessage.text(Role.USER, "First."), ChatMessage.text(Role.USER, "Second.")),
                List.of(),
                null,
                null));
    assertEquals(
        json("[{\"role\":\"user\",\"content\":[{\"text\":\"First.\"},{\"text\":\"Second.\"}]}]"),
        body.get("messages"));
    assertFalse(body.has("seed"));

    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                BedrockRequestTranslator.write(
                    request(
                        List.of(
                            message(
                                Role.USER,
                                new ContentPart.Opaque(
                                    json("{\"type\":\"input_audio\",\"input_audio\":{}}")))),
                        List.of(),
                        null,
                        null)));
    assertEquals("messages[0].content[0].type", e.param());
  }
}
