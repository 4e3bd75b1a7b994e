package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.ToolDefinition;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiRequestTranslatorTest {

  private static final String AGENT_PROMPT =
      Fixtures.json("gemini/generate-content-request-tools.json")
          .path("systemInstruction")
          .path("parts")
          .get(0)
          .path("text")
          .asText();
  private static final String QUESTION = "Can you search for information about recurring revenue?";

  @Test
  void toolRequestMatchesTheBodyGoogleSdkSent() {
    ChatRequest request =
        request(
            List.of(
                ChatMessage.text(Role.SYSTEM, AGENT_PROMPT), ChatMessage.text(Role.USER, QUESTION)),
            toolsOf("generate-content-request-tools.json"));

    assertEquals(
        recorded("generate-content-request-tools.json"), GeminiRequestTranslator.write(request));
  }

  @Test
  void toolCallSentBackCarriesItsThoughtSignatureAndResultIsNamed() {
    Continuity continuity = new Continuity(new InMemoryResumeStates(), "org-1", "gemini");
    ChatResponse answer =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-function-call-thought-signature.json"),
            "gemini",
            continuity);
    ToolCall call = answer.choices().get(0).message().toolCalls().get(0);
    ChatRequest request =
        request(
            List.of(
                ChatMessage.text(Role.SYSTEM, AGENT_PROMPT),
                ChatMessage.text(Role.USER, QUESTION),
                new ChatMessage(Role.ASSISTANT, null, true, List.of(call), null, null),
                toolResult(
                    call.id(), "{\"results\": [\"Found reference for: recurring revenue\"]}")),
            toolsOf("generate-content-request-function-response.json"));

    // The recording holds the signature in the base64url form Google's SDK sends; the gateway
    // sends it back exactly as Gemini gave it (standard base64), which Gemini accepts too.
    ObjectNode expected = recorded("generate-content-request-function-response.json");
    ((ObjectNode) expected.at("/contents/1/parts/0"))
        .put(
            "thoughtSignature",
            Fixtures.json("gemini/generate-content-function-call-thought-signature.json")
                .at("/candidates/0/content/parts/0/thoughtSignature")
                .asText());
    assertEquals(expected, GeminiRequestTranslator.write(request, continuity));
  }

  @Test
  void aCallFromAnotherProviderGetsGooglesStandInSignatureOnGemini3() {
    ChatRequest request =
        request(
                List.of(
                    ChatMessage.text(Role.USER, QUESTION),
                    assistantCall("toolu_01A09q90qw90lq917835lq9", "search_docs", "{}"),
                    toolResult("toolu_01A09q90qw90lq917835lq9", "{}")),
                List.of())
            .withModel("gemini-3-pro-preview");

    JsonNode part = GeminiRequestTranslator.write(request).at("/contents/1/parts/0");

    assertEquals(
        GeminiRequestTranslator.FOREIGN_CALL_SIGNATURE, part.path("thoughtSignature").asText());
  }

  @Test
  void multiStepToolConversationMatchesRecordedStreamRequest() {
    ChatRequest request =
        request(
            List.of(
                ChatMessage.text(Role.SYSTEM, "You are a helpful chatbot."),
                ChatMessage.text(Role.USER, "What is the temperature of the capital of France?"),
                assistantCall("call_1", "get_capital", "{\"country\": \"France\"}"),
                toolResult("call_1", "{\"return_value\": \"Paris\"}"),
                assistantCall("call_2", "get_temperature", "{\"city\": \"Paris\"}"),
                toolResult("call_2", "{\"return_value\": \"30°C\"}")),
            toolsOf("stream-generate-content-request-function-response.json"));

    // pydantic-ai also sends its own call ids; Gemini matches calls and results by name and order.
    ObjectNode expected = recorded("stream-generate-content-request-function-response.json");
    for (JsonNode content : expected.get("contents")) {
      for (JsonNode part : content.get("parts")) {
        for (String kind : List.of("functionCall", "functionResponse")) {
          if (part.has(kind)) {
            ((ObjectNode) part.get(kind)).remove("id");
          }
        }
      }
    }
    assertEquals(expected, GeminiRequestTranslator.write(request));
  }

  @Test
  void systemPromptBecomesSystemInstructionAndTemperatureGoesToGenerationConfig() {
    ChatRequest request =
        new ChatRequest(
            "gemini-2.0-flash",
            List.of(
                ChatMessage.text(Role.SYSTEM, "You are a helpful chatbot."),
                ChatMessage.text(Role.USER, "What is the capital of France?")),
            true,
            true,
            null,
            null,
            0.0,
            null,
            null,
            null,
            null,
            null,
            null);

    assertEquals(
        recorded("stream-generate-content-request-system-instruction.json"),
        GeminiRequestTranslator.write(request));
  }

  @Test
  void maxTokensMapsToMaxOutputTokensAndGenerationConfigExtraPassesThrough() {
    ObjectNode extras = Json.object();
    ObjectNode config = extras.putObject("generation_config");
    config.putArray("responseModalities").add("TEXT");
    config.putObject("thinkingConfig").put("thinking_budget", 0);
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-flash",
            List.of(
                ChatMessage.text(Role.DEVELOPER, "You are a helpful chatbot."),
                ChatMessage.text(Role.USER, "What is the capital of France?")),
            false,
            false,
            5,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            extras);

    assertEquals(
        recorded("generate-content-request-max-output-tokens.json"),
        GeminiRequestTranslator.write(request));
  }

  @Test
  void safetySettingsExtraPassesThrough() {
    ObjectNode extras = Json.object();
    extras.set(
        "safety_settings",
        Fixtures.json("gemini/generate-content-request-safety-settings.json")
            .get("safetySettings"));
    ChatRequest request =
        new ChatRequest(
            "gemini-1.5-flash",
            List.of(
                ChatMessage.text(Role.SYSTEM, "You hate the world!"),
                ChatMessage.text(Role.USER, "Tell me a joke about a Brazilians.")),
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
            extras);

    assertEquals(
        recorded("generate-content-request-safety-settings.json"),
        GeminiRequestTranslator.write(request));
  }

  @Test
  void plainStreamRequestMatchesRecording() {
    ObjectNode extras = Json.object();
    extras.putObject("generationConfig").putArray("responseModalities").add("TEXT");
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-flash",
            List.of(
                ChatMessage.text(
                    Role.USER, "Count from 1 to 30, one number per line, digits only.")),
            true,
            true,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            extras);

    assertEquals(
        Fixtures.json("gemini/stream-generate-content-request.json"),
        GeminiRequestTranslator.write(request));
  }

  @Test
  void consecutiveTurnsOfOneRoleAreMergedAndToolResultsShareTheUserTurn() {
    ChatRequest request =
        request(
            List.of(
                ChatMessage.text(Role.USER, "first"),
                ChatMessage.text(Role.USER, "second"),
                new ChatMessage(
                    Role.ASSISTANT,
                    List.of(new ContentPart.Text("Looking.")),
                    true,
                    List.of(
                        new ToolCall("call_a", "lookup", "{\"q\":1}"),
                        new ToolCall("call_b", "lookup", "{\"q\":2}")),
                    null,
                    null),
                toolResult("call_a", "one"),
                toolResult("call_b", "two"),
                ChatMessage.text(Role.USER, "thanks")),
            List.of());

    JsonNode contents = GeminiRequestTranslator.write(request).get("contents");

    assertEquals(3, contents.size());
    assertEquals("user", contents.get(0).get("role").asText());
    assertEquals(2, contents.get(0).get("parts").size());
    assertEquals("model", contents.get(1).get("role").asText());
    assertEquals("Looking.", contents.get(1).get("parts").get(0).get("text").asText());
    assertEquals(
        2, contents.get(1).get("parts").get(2).get("functionCall").get("args").get("q").asInt());
    JsonNode results = contents.get(2).get("parts");
    assertEquals(3, results.size());
    assertEquals("lookup", results.get(0).get("functionResponse").get("name").asText());
    assertEquals(
        "one", results.get(0).get("functionResponse").get("response").get("result").asText());
    assertEquals("thanks", results.get(2).get("text").asText());
  }

  @Test
  void imagesAndPdfsBecomeInlineDataOrFileData() {
    ChatRequest request =
        request(
            List.of(
                new ChatMessage(
                    Role.USER,
                    List.of(
                        new ContentPart.Text("What is in these?"),
                        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "high"),
                        new ContentPart.Image("https://example.com/cat.webp?size=2", null),
                        new ContentPart.File(
                            "report.pdf", "data:application/pdf;base64,JVBERi0xLjQ="),
                        new ContentPart.File(null, "JVBERi0xLjU=")),
                    false,
                    List.of(),
                    null,
                    null)),
            List.of());

    JsonNode parts = GeminiRequestTranslator.write(request).get("contents").get(0).get("parts");

    assertEquals("image/png", parts.get(1).get("inlineData").get("mimeType").asText());
    assertEquals("iVBORw0KGgo=", parts.get(1).get("inlineData").get("data").asText());
    assertEquals(
        "https://example.com/cat.webp?size=2",
        parts.get(2).get("fileData").get("fileUri").asText());
    assertEquals("image/webp", parts.get(2).get("fileData").get("mimeType").asText());
    assertEquals("application/pdf", parts.get(3).get("inlineData").get("mimeType").asText());
    assertEquals("JVBERi0xLjQ=", parts.get(3).get("inlineData").get("data").asText());
    assertEquals("JVBERi0xLjU=", parts.get(4).get("inlineData").get("data").asText());
  }

  @Test
  void toolChoiceMapsToFunctionCallingConfig() {
    assertEquals("{\"mode\":\"AUTO\"}", functionCallingConfig(TextNode.valueOf("auto")));
    assertEquals("{\"mode\":\"NONE\"}", functionCallingConfig(TextNode.valueOf("none")));
    assertEquals("{\"mode\":\"ANY\"}", functionCallingConfig(TextNode.valueOf("required")));
    ObjectNode named = Json.object().put("type", "function");
    named.putObject("function").put("name", "search_docs");
    assertEquals(
        "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"search_docs\"]}",
        functionCallingConfig(named));
    InvalidRequestException bad =
        assertThrows(
            InvalidRequestException.class,
            () -> functionCallingConfig(TextNode.valueOf("sometimes")));
    assertEquals("tool_choice", bad.param());
  }

  @Test
  void jsonSchemaResponseFormatIsConvertedToGeminiSchema() throws Exception {
    JsonNode format =
        Json.parse(
            """
            {"type": "json_schema", "json_schema": {"name": "city", "strict": true, "schema": {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object", "additionalProperties": false, "required": ["name", "country"],
              "properties": {
                "name": {"type": "string"},
                "population": {"type": ["integer", "null"]},
                "country": {"$ref": "#/$defs/country"}},
              "$defs": {"country": {"type": "string", "enum": ["FR", "DE"]}}}}}\
            """);
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-flash",
            List.of(ChatMessage.text(Role.USER, "Paris?")),
            false,
            false,
            null,
            100,
            null,
            0.5,
            List.of("END"),
            null,
            null,
            format,
            null);

    JsonNode config = GeminiRequestTranslator.write(request).get("generationConfig");

    assertEquals(
        Json.parse(
            """
            {"maxOutputTokens": 100, "topP": 0.5, "stopSequences": ["END"],
             "responseMimeType": "application/json",
             "responseSchema": {"type": "object", "required": ["name", "country"], "properties": {
               "name": {"type": "string"},
               "population": {"type": "integer", "nullable": true},
               "country": {"type": "string", "enum": ["FR", "DE"]}}}}\
            """),
        config);
  }

  @Test
  void jsonObjectResponseFormatAsksForJson() throws Exception {
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-flash",
            List.of(ChatMessage.text(Role.USER, "json please")),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            Json.parse("{\"type\":\"json_object\"}"),
            null);

    assertEquals(
        "application/json",
        GeminiRequestTranslator.write(request)
            .get("generationConfig")
            .get("responseMimeType")
            .asText());
  }

  @Test
  void toolResultsThatAreNotObjectsAreWrapped() {
    assertEquals("{\"result\":42}", toolResponse("42").toString());
    assertEquals("{\"result\":\"Sunny\"}", toolResponse("Sunny").toString());
    assertEquals("{\"result\":\"42 apples\"}", toolResponse("42 apples").toString());
    assertEquals("{\"result\":[1,2]}", toolResponse("[1,2]").toString());
    assertEquals("{\"temp\":30}", toolResponse("{\"temp\":30}").toString());
  }

  @Test
  void toolResultForAnUnknownCallIsRejected() {
    ChatRequest request =
        request(
            List.of(ChatMessage.text(Role.USER, "hi"), toolResult("call_nowhere", "x")), List.of());

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> GeminiRequestTranslator.write(request));
    assertEquals("messages[1].tool_call_id", e.param());
  }

  @Test
  void toolWithoutParametersIsDeclaredWithoutSchema() throws Exception {
    ChatRequest request =
        request(
            List.of(ChatMessage.text(Role.USER, "time?")),
            List.of(
                new ToolDefinition(
                    "now",
                    "Current time",
                    Json.parse("{\"type\":\"object\",\"properties\":{}}"),
                    null)));

    JsonNode declaration =
        GeminiRequestTranslator.write(request)
            .get("tools")
            .get(0)
            .get("functionDeclarations")
            .get(0);

    assertEquals("now", declaration.get("name").asText());
    assertFalse(declaration.has("parameters"));
  }

  @Test
  void invalidToolCallArgumentsAreRejected() {
    ChatRequest request =
        request(
            List.of(ChatMessage.text(Role.USER, "hi"), assistantCall("call_1", "f", "{not json")),
            List.of());

    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> GeminiRequestTranslator.write(request));
    assertEquals("messages[1].tool_calls[0].function.arguments", e.param());
  }

  @Test
  void toolCallsWithoutSignatureAreSentWithoutOne() {
    ChatRequest request =
        request(
            List.of(
                ChatMessage.text(Role.USER, "hi"), assistantCall("call_from_elsewhere", "f", "{}")),
            List.of());

    JsonNode part =
        GeminiRequestTranslator.write(request).get("contents").get(1).get("parts").get(0);
    assertTrue(part.has("functionCall"));
    assertFalse(part.has("thoughtSignature"));
  }

  private static String functionCallingConfig(JsonNode toolChoice) {
    ChatRequest request =
        new ChatRequest(
            "gemini-2.5-flash",
            List.of(ChatMessage.text(Role.USER, "hi")),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            List.of(new ToolDefinition("search_docs", null, null, null)),
            toolChoice,
            null,
            null);
    return GeminiRequestTranslator.write(request)
        .get("toolConfig")
        .get("functionCallingConfig")
        .toString();
  }

  private static JsonNode toolResponse(String output) {
    ChatRequest request =
        request(
            List.of(assistantCall("call_1", "f", "{}"), toolResult("call_1", output)), List.of());
    return GeminiRequestTranslator.write(request)
        .get("contents")
        .get(1)
        .get("parts")
        .get(0)
        .get("functionResponse")
        .get("response");
  }

  private static ChatRequest request(List<ChatMessage> messages, List<ToolDefinition> tools) {
    return new ChatRequest(
        "gemini-2.5-pro",
        messages,
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        tools,
        null,
        null,
        null);
  }

  private static ChatMessage assistantCall(String id, String name, String arguments) {
    return new ChatMessage(
        Role.ASSISTANT, null, true, List.of(new ToolCall(id, name, arguments)), null, null);
  }

  private static ChatMessage toolResult(String callId, String output) {
    return new ChatMessage(
        Role.TOOL, List.of(new ContentPart.Text(output)), true, List.of(), callId, null);
  }

  /** The tools a caller declared, as the OpenAI-side canonical definitions. */
  private static List<ToolDefinition> toolsOf(String fixture) {
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode declaration :
        Fixtures.json("gemini/" + fixture).get("tools").get(0).get("functionDeclarations")) {
      tools.add(
          new ToolDefinition(
              declaration.get("name").asText(),
              declaration.get("description").asText(),
              declaration.get("parameters"),
              null));
    }
    return tools;
  }

  /**
   * The recorded body without {@code systemInstruction.role}, which Google's SDK adds and Gemini
   * ignores.
   */
  private static ObjectNode recorded(String fixture) {
    ObjectNode body = Fixtures.object("gemini/" + fixture);
    if (body.has("systemInstruction")) {
      ((ObjectNode) body.get("systemInstruction")).remove("role");
    }
    return body;
  }
}
