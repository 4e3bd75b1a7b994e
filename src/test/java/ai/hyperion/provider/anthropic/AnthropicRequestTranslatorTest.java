package ai.hyperion.provider.anthropic;

import static ai.hyperion.testing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.anthropic.AnthropicRequestReader;
import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicRequestTranslatorTest {

  private static final AnthropicConfig DIRECT = config(null);
  private static final JsonNode EPHEMERAL = Json.object().put("type", "ephemeral");

  static AnthropicConfig config(ObjectNode options) {
    return AnthropicConfig.from(
        new ProviderSettings(
            "anthropic",
            "anthropic",
            null,
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Map.of(),
            options));
  }

  static ChatRequest request(List<ChatMessage> messages) {
    return new ChatRequest(
        "claude-haiku-4-5",
        messages,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Json.object());
  }

  static ChatRequest request(
      List<ChatMessage> messages,
      List<ToolDefinition> tools,
      JsonNode toolChoice,
      JsonNode responseFormat,
      ObjectNode extras) {
    return new ChatRequest(
        "claude-haiku-4-5",
        messages,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        tools,
        toolChoice,
        responseFormat,
        extras);
  }

  private static ObjectNode wire(ChatRequest request) {
    return AnthropicRequestTranslator.toWire(request, DIRECT);
  }

  // --- Anthropic fixture → canonical → Anthropic: the same request comes out ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "messages-request-tool-result.json",
        "messages-request-system-cache-control.json",
        "messages-request-tools.json",
        "messages-request-tools-stream.json",
        "messages-request-stream.json"
      })
  void recordedRequestsSurviveTheCanonicalModel(String fixture) {
    JsonNode recorded = json("anthropic/" + fixture);
    ChatRequest canonical = AnthropicRequestReader.read(recorded, Set.of());
    assertEquals(normalised(recorded), AnthropicRequestTranslator.toWire(canonical, DIRECT));
  }

  /**
   * The recorded body in the adapter's spelling: string content as one text block, no SDK-only
   * fields.
   */
  private static JsonNode normalised(JsonNode recorded) {
    ObjectNode body = recorded.deepCopy();
    if (body.path("system").isTextual()) {
      body.set("system", textBlocks(body.get("system").asText()));
    }
    for (JsonNode message : body.withArray("messages")) {
      ObjectNode m = (ObjectNode) message;
      if (m.get("content").isTextual()) {
        m.set("content", textBlocks(m.get("content").asText()));
      }
      m.get("content").forEach(block -> ((ObjectNode) block).remove("caller"));
    }
    return body;
  }

  private static ArrayNode textBlocks(String text) {
    ArrayNode blocks = Json.NODES.arrayNode();
    blocks.addObject().put("type", "text").put("text", text);
    return blocks;
  }

  // --- canonical (OpenAI vocabulary) → Anthropic ---

  @Test
  void systemAndDeveloperMessagesBecomeTopLevelSystemBlocksWithCacheControl() {
    ObjectNode body =
        wire(
            request(
                List.of(
                    ChatMessage.text(Role.SYSTEM, "You are terse."),
                    ChatMessage.text(Role.USER, "Hi"),
                    new ChatMessage(
                        Role.DEVELOPER,
                        List.of(new ContentPart.Text("Long manual", EPHEMERAL)),
                        false,
                        List.of(),
                        null,
                        null))));
    assertEquals("claude-haiku-4-5", body.get("model").asText());
    JsonNode system = body.get("system");
    assertEquals(2, system.size());
    assertEquals("You are terse.", system.get(0).get("text").asText());
    assertEquals(EPHEMERAL, system.get(1).get("cache_control"));
    assertEquals(1, body.get("messages").size());
    assertEquals("user", body.get("messages").get(0).get("role").asText());
  }

  @Test
  void toolRoundTripBecomesToolUseAndToolResultInAlternatingTurns() {
    ObjectNode body =
        wire(
            request(
                List.of(
                    ChatMessage.text(Role.USER, "Weather in SF and LA?"),
                    new ChatMessage(
                        Role.ASSISTANT,
                        null,
                        true,
                        List.of(
                            new ToolCall("call_1", "get_weather", "{\"location\":\"SF\"}"),
                            new ToolCall("call_2", "get_weather", "{\"location\":\"LA\"}")),
                        null,
                        null),
                    new ChatMessage(
                        Role.TOOL,
                        List.of(new ContentPart.Text("18C")),
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
                    ChatMessage.text(Role.USER, "Which is warmer?"))));
    JsonNode messages = body.get("messages");
    assertEquals(3, messages.size());
    JsonNode assistant = messages.get(1).get("content");
    assertEquals("tool_use", assistant.get(0).get("type").asText());
    assertEquals("call_1", assistant.get(0).get("id").asText());
    assertEquals(Json.object().put("location", "SF"), assistant.get(0).get("input"));
    JsonNode results = messages.get(2);
    assertEquals("user", results.get("role").asText());
    assertEquals("tool_result", results.get("content").get(0).get("type").asText());
    assertEquals("call_1", results.get("content").get(0).get("tool_use_id").asText());
    assertEquals("18C", results.get("content").get(0).get("content").asText());
    assertEquals("call_2", results.get("content").get(1).get("tool_use_id").asText());
    assertEquals("Which is warmer?", results.get("content").get(2).get("text").asText());
  }

  @Test
  void consecutiveUserTurnsMergeWithToolResultsFirst() {
    JsonNode recorded = json("anthropic/error-400-invalid-request-request.json");
    ObjectNode body = wire(AnthropicRequestReader.read(recorded, Set.of()));
    JsonNode messages = body.get("messages");
    assertEquals(1, messages.size());
    assertEquals("tool_result", messages.get(0).get("content").get(0).get("type").asText());
    assertEquals("text", messages.get(0).get("content").get(1).get("type").asText());
  }

  @Test
  void imagesAndPdfsBecomeAnthropicSources() {
    ObjectNode body =
        wire(
            request(
                List.of(
                    new ChatMessage(
                        Role.USER,
                        List.of(
                            new ContentPart.Text("What is in these?"),
                            new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "high"),
                            new ContentPart.Image("https://example.com/cat.jpg", null),
                            new ContentPart.File(
                                "report.pdf", "data:application/pdf;base64,JVBERi0xLjQ=")),
                        false,
                        List.of(),
                        null,
                        null))));
    JsonNode content = body.get("messages").get(0).get("content");
    assertEquals(
        Json.object()
            .put("type", "base64")
            .put("media_type", "image/png")
            .put("data", "iVBORw0KGgo="),
        content.get(1).get("source"));
    assertEquals(
        Json.object().put("type", "url").put("url", "https://example.com/cat.jpg"),
        content.get(2).get("source"));
    assertEquals("document", content.get(3).get("type").asText());
    assertEquals(
        Json.object()
            .put("type", "base64")
            .put("media_type", "application/pdf")
            .put("data", "JVBERi0xLjQ="),
        content.get(3).get("source"));
    assertEquals("report.pdf", content.get(3).get("title").asText());
  }

  @Test
  void toolsCarrySchemaAndCacheControlAndToolChoiceIsMapped() {
    List<ToolDefinition> tools =
        List.of(
            new ToolDefinition("get_weather", "Weather", Json.object().put("type", "object"), null),
            new ToolDefinition("no_params", null, null, EPHEMERAL));
    List<ChatMessage> hi = List.of(ChatMessage.text(Role.USER, "hi"));
    ObjectNode body = wire(request(hi, tools, null, null, Json.object()));
    assertEquals(Json.object().put("type", "object"), body.get("tools").get(0).get("input_schema"));
    assertEquals("object", body.get("tools").get(1).get("input_schema").get("type").asText());
    assertEquals(EPHEMERAL, body.get("tools").get(1).get("cache_control"));
    assertFalse(body.has("tool_choice"));

    assertEquals(
        Json.object().put("type", "auto"),
        wire(request(hi, tools, Json.NODES.textNode("auto"), null, null)).get("tool_choice"));
    assertEquals(
        Json.object().put("type", "none"),
        wire(request(hi, tools, Json.NODES.textNode("none"), null, null)).get("tool_choice"));
    assertEquals(
        Json.object().put("type", "any"),
        wire(request(hi, tools, Json.NODES.textNode("required"), null, null)).get("tool_choice"));
    ObjectNode named = Json.object().put("type", "function");
    named.putObject("function").put("name", "get_weather");
    assertEquals(
        Json.object().put("type", "tool").put("name", "get_weather"),
        wire(request(hi, tools, named, null, null)).get("tool_choice"));
    assertEquals(
        Json.object().put("type", "any").put("disable_parallel_tool_use", true),
        wire(request(
                hi,
                tools,
                Json.NODES.textNode("required"),
                null,
                Json.object().put("parallel_tool_calls", false)))
            .get("tool_choice"));
  }

  @Test
  void jsonObjectAddsAnInstructionAndJsonSchemaForcesTheJsonTool() {
    List<ChatMessage> hi = List.of(ChatMessage.text(Role.USER, "List three cities"));
    ObjectNode body = wire(request(hi, null, null, Json.object().put("type", "json_object"), null));
    assertEquals(
        AnthropicRequestTranslator.JSON_OBJECT_INSTRUCTION,
        body.get("system").get(0).get("text").asText());
    assertFalse(body.has("tools"));

    ObjectNode format = Json.object().put("type", "json_schema");
    ObjectNode schema =
        format
            .putObject("json_schema")
            .put("name", "cities")
            .putObject("schema")
            .put("type", "object");
    schema.putObject("properties").putObject("cities").put("type", "array");
    body = wire(request(hi, null, null, format, null));
    assertEquals("json", body.get("tools").get(0).get("name").asText());
    assertEquals(schema, body.get("tools").get(0).get("input_schema"));
    assertEquals(Json.object().put("type", "tool").put("name", "json"), body.get("tool_choice"));
    assertTrue(AnthropicRequestTranslator.usesJsonTool(request(hi, null, null, format, null)));
  }

  @Test
  void maxTokensDefaultsAndIsOverridableAndTheCallersLimitWins() {
    List<ChatMessage> hi = List.of(ChatMessage.text(Role.USER, "hi"));
    assertEquals(4096, wire(request(hi)).get("max_tokens").asInt());
    assertEquals(
        1000,
        AnthropicRequestTranslator.toWire(
                request(hi), config(Json.object().put("default-max-tokens", 1000)))
            .get("max_tokens")
            .asInt());
    ChatRequest limited =
        new ChatRequest("m", hi, false, false, 50, 70, null, null, null, null, null, null, null);
    assertEquals(70, wire(limited).get("max_tokens").asInt());
  }

  @Test
  void samplingStopAndExtrasTranslateAndOpenAiOnlyFieldsAreDropped() {
    ObjectNode extras =
        Json.object().put("user", "u-42").put("seed", 7).put("top_k", 40).put("logprobs", true);
    ChatRequest r =
        new ChatRequest(
            "claude-haiku-4-5",
            List.of(ChatMessage.text(Role.USER, "hi")),
            true,
            true,
            10,
            null,
            1.6,
            0.9,
            List.of("END"),
            null,
            null,
            null,
            extras);
    ObjectNode body = wire(r);
    assertEquals(1.0, body.get("temperature").asDouble());
    assertEquals(0.9, body.get("top_p").asDouble());
    assertEquals("END", body.get("stop_sequences").get(0).asText());
    assertTrue(body.get("stream").asBoolean());
    assertEquals(40, body.get("top_k").asInt());
    assertEquals("u-42", body.get("metadata").get("user_id").asText());
    assertFalse(body.has("seed"));
    assertFalse(body.has("logprobs"));
    assertFalse(body.has("user"));
  }

  @Test
  void vertexBodyNamesTheVertexVersionInsteadOfTheModel() {
    AnthropicConfig vertex =
        config(
            Json.object().put("platform", "vertex").put("project", "p").put("region", "us-east5"));
    ObjectNode body =
        AnthropicRequestTranslator.toWire(
            request(List.of(ChatMessage.text(Role.USER, "hi"))), vertex);
    assertFalse(body.has("model"));
    assertEquals("vertex-2023-10-16", body.get("anthropic_version").asText());
  }

  @Test
  void signedThinkingBlocksGoBackFirstAndUnsignedOnesAreLeftOut() {
    ObjectNode extras = Json.object();
    ArrayNode thinking = extras.putArray("thinking_blocks");
    thinking.addObject().put("type", "thinking").put("thinking", "hmm").put("signature", "sig");
    thinking
        .addObject()
        .put("type", "thinking")
        .put("thinking", "from a stream")
        .put("signature", "");
    ObjectNode body =
        wire(
            request(
                List.of(
                    ChatMessage.text(Role.USER, "hi"),
                    new ChatMessage(
                        Role.ASSISTANT,
                        List.of(new ContentPart.Text("ok")),
                        true,
                        List.of(),
                        null,
                        extras))));
    JsonNode assistant = body.get("messages").get(1).get("content");
    assertEquals(2, assistant.size());
    assertEquals("sig", assistant.get(0).get("signature").asText());
    assertEquals("ok", assistant.get(1).get("text").asText());
  }

  @Test
  void whatAnthropicCannotTakeIsTheCallersError() {
    ObjectNode audio = Json.object().put("type", "input_audio");
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                wire(
                    request(
                        List.of(
                            new ChatMessage(
                                Role.USER,
                                List.of(new ContentPart.Opaque(audio)),
                                false,
                                List.of(),
                                null,
                                null)))));
    assertEquals("messages[0].content[0]", e.param());
    InvalidRequestException args =
        assertThrows(
            InvalidRequestException.class,
            () ->
                wire(
                    request(
                        List.of(
                            ChatMessage.text(Role.USER, "hi"),
                            new ChatMessage(
                                Role.ASSISTANT,
                                null,
                                true,
                                List.of(new ToolCall("c", "f", "[1,2]")),
                                null,
                                null)))));
    assertEquals("messages[1].tool_calls[0].function.arguments", args.param());
  }
}
