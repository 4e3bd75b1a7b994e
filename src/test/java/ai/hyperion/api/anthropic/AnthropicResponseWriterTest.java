package ai.hyperion.api.anthropic;

import static ai.hyperion.testing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicResponseWriterTest {

  private static final String MINIMAL =
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":64,\"messages\":[{\"role\":\"user\",\"cont"
          + "ent\":\"hi\"}]}";

  private static ObjectNode minimal() {
    return (ObjectNode) Json.tryParse(MINIMAL.getBytes(StandardCharsets.UTF_8)).orElseThrow();
  }

  @Test
  void toolResultConversationReadsIntoCanonicalTurns() {
    ChatRequest r =
        AnthropicRequestReader.read(json("anthropic/messages-request-tool-result.json"), Set.of());
    assertEquals("claude-haiku-4-5", r.model());
    assertEquals(1024, r.maxTokens());
    assertTrue(r.stream());
    assertEquals(3, r.messages().size());
    assertEquals(ChatMessage.text(Role.USER, "What is the weather in SF?"), r.messages().get(0));
    ChatMessage assistant = r.messages().get(1);
    assertEquals(Role.ASSISTANT, assistant.role());
    assertNull(assistant.content());
    ToolCall call = assistant.toolCalls().get(0);
    assertEquals("toolu_018acGYLtfR52q9yDbWaEdQZ", call.id());
    assertEquals("get_weather", call.name());
    assertEquals(
        Json.object().put("location", "San Francisco, CA").put("units", "f"),
        Json.tryParse(call.arguments().getBytes(StandardCharsets.UTF_8)).orElseThrow());
    ChatMessage tool = r.messages().get(2);
    assertEquals(Role.TOOL, tool.role());
    assertEquals("toolu_018acGYLtfR52q9yDbWaEdQZ", tool.toolCallId());
    assertEquals(
        "{\"location\": \"San Francisco, CA\", \"temperature\": \"68\\u00b0F\", \"condition\":"
            + " \"Sunny\"}",
        tool.text());
    assertEquals("get_weather", r.tools().get(0).name());
    assertEquals(
        json("anthropic/messages-request-tool-result.json")
            .path("tools")
            .get(0)
            .get("input_schema"),
        r.tools().get(0).parameters());
  }

  @Test
  void systemBlocksKeepTheirCacheBreakpoint() {
    ChatRequest r =
        AnthropicRequestReader.read(
            json("anthropic/messages-request-system-cache-control.json"), Set.of());
    ChatMessage system = r.messages().get(0);
    assertEquals(Role.SYSTEM, system.role());
    ContentPart.Text text = (ContentPart.Text) system.content().get(0);
    assertTrue(text.text().startsWith("Hardware engineering best practices guide"));
    assertEquals(Json.object().put("type", "ephemeral"), text.cacheControl());
    assertEquals(0.1, r.temperature());
    assertEquals(100, r.maxTokens());
    assertFalse(r.stream());
  }

  @Test
  void aSingleTextBlockReadsAsPlainText() {
    ChatRequest r =
        AnthropicRequestReader.read(json("anthropic/messages-request-stream.json"), Set.of());
    assertTrue(r.stream());
    assertTrue(r.includeUsage());
    assertEquals(15, r.maxTokens());
    assertTrue(r.messages().get(0).textOnly());
    assertEquals(
        "Can you explain what Descartes meant by 'I think, therefore I am'?",
        r.messages().get(0).text());
  }

  @Test
  void optionsMapOntoOpenAiVocabulary() {
    ObjectNode body = minimal();
    body.putArray("stop_sequences").add("###");
    body.put("top_p", 0.5).put("top_k", 20);
    body.putObject("metadata").put("user_id", "user-7");
    body.putObject("tool_choice").put("type", "any").put("disable_parallel_tool_use", true);
    body.putArray("tools")
        .addObject()
        .put("name", "f")
        .putObject("input_schema")
        .put("type", "object");
    body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    body.putObject("hyperion").put("fallbacks", "x");
    ChatRequest r = AnthropicRequestReader.read(body, Set.of("hyperion"));
    assertEquals(List.of("###"), r.stop());
    assertEquals(0.5, r.topP());
    assertEquals("required", r.toolChoice().asText());
    assertEquals(20, r.extras().get("top_k").asInt());
    assertEquals("user-7", r.extras().get("user").asText());
    assertFalse(r.extras().get("parallel_tool_calls").asBoolean());
    assertEquals(1024, r.extras().get("thinking").get("budget_tokens").asInt());
    assertFalse(r.extras().has("hyperion"));
    assertFalse(r.extras().has("metadata"));

    body.putObject("tool_choice").put("type", "tool").put("name", "f");
    JsonNode named = AnthropicRequestReader.read(body, Set.of()).toolChoice();
    assertEquals("function", named.get("type").asText());
    assertEquals("f", named.get("function").get("name").asText());
  }

  @Test
  void imagesDocumentsAndMixedToolResultsRead() {
    ObjectNode body = minimal();
    ObjectNode user = (ObjectNode) body.withArray("messages").get(0);
    var blocks = user.putArray("content");
    blocks
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", "toolu_1")
        .put("content", "ok")
        .put("is_error", false);
    blocks.addObject().put("type", "text").put("text", "Look:");
    blocks
        .addObject()
        .put("type", "image")
        .putObject("source")
        .put("type", "base64")
        .put("media_type", "image/jpeg")
        .put("data", "/9j/4AA=");
    blocks
        .addObject()
        .put("type", "image")
        .putObject("source")
        .put("type", "url")
        .put("url", "https://example.com/a.png");
    ObjectNode doc = blocks.addObject().put("type", "document").put("title", "spec.pdf");
    doc.putObject("source")
        .put("type", "base64")
        .put("media_type", "application/pdf")
        .put("data", "JVBERi0=");
    List<ChatMessage> messages = AnthropicRequestReader.read(body, Set.of()).messages();
    assertEquals(Role.TOOL, messages.get(0).role());
    assertEquals("toolu_1", messages.get(0).toolCallId());
    List<ContentPart> parts = messages.get(1).content();
    assertEquals(new ContentPart.Image("data:image/jpeg;base64,/9j/4AA=", null), parts.get(1));
    assertEquals(new ContentPart.Image("https://example.com/a.png", null), parts.get(2));
    assertEquals(
        new ContentPart.File("spec.pdf", "data:application/pdf;base64,JVBERi0="), parts.get(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"model", "messages", "max_tokens"})
  void missingRequiredFieldIsNamed(String field) {
    ObjectNode body = minimal();
    body.remove(field);
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class, () -> AnthropicRequestReader.read(body, Set.of()));
    assertEquals(field, e.param());
    assertTrue(e.getMessage().contains(field));
  }

  @Test
  void malformedInputIsRejectedWithItsPath() {
    ObjectNode badRole = minimal();
    ((ObjectNode) badRole.withArray("messages").get(0)).put("role", "system");
    assertEquals("messages.0.role", param(badRole));
    ObjectNode hot = minimal().put("temperature", 1.5);
    assertEquals("temperature", param(hot));
    ObjectNode serverTool = minimal();
    serverTool
        .putArray("tools")
        .addObject()
        .put("type", "web_search_20250305")
        .put("name", "web_search");
    assertEquals("tools.0.type", param(serverTool));
    ObjectNode noInput = minimal();
    ObjectNode assistant = noInput.withArray("messages").addObject().put("role", "assistant");
    assistant
        .putArray("content")
        .addObject()
        .put("type", "tool_use")
        .put("id", "t")
        .put("name", "f");
    assertEquals("messages.1.content.0.input", param(noInput));
    assertEquals("max_tokens", param(minimal().put("max_tokens", 0)));
    assertEquals(null, param(Json.NODES.arrayNode()));
  }

  private static String param(JsonNode body) {
    return assertThrows(
            InvalidRequestException.class, () -> AnthropicRequestReader.read(body, Set.of()))
        .param();
  }

  // --- responses and errors back to the Anthropic client ---

  @Test
  void openAiStyleAnswerGetsAMessageIdAndAnthropicStopReason() {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("cut")),
            true,
            List.of(new ToolCall("call_9", "f", "{\"a\":")),
            null,
            null);
    ChatResponse r =
        new ChatResponse(
            "chatcmpl-123",
            1,
            "gpt-4o",
            List.of(new ChatResponse.Choice(0, message, FinishReason.LENGTH, null)),
            new Usage(100, 5, 40, 0, 0),
            null);
    ObjectNode body = AnthropicResponseWriter.writeResponse(r, "gpt-4o-mini");
    assertEquals("msg_chatcmpl-123", body.get("id").asText());
    assertEquals("gpt-4o-mini", body.get("model").asText());
    assertEquals("max_tokens", body.get("stop_reason").asText());
    assertEquals(Json.object(), body.get("content").get(1).get("input"));
    assertEquals(60, body.get("usage").get("input_tokens").asInt());
    assertEquals(40, body.get("usage").get("cache_read_input_tokens").asInt());
  }

  @Test
  void reasoningFromAnotherProviderIsShownAsAThinkingBlock() {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("4")),
            true,
            List.of(),
            null,
            Json.object().put("reasoning_content", "2+2 is 4"));
    ObjectNode body =
        AnthropicResponseWriter.writeResponse(
            new ChatResponse(
                "x",
                1,
                "deepseek-r1",
                List.of(new ChatResponse.Choice(0, message, FinishReason.STOP, null)),
                null,
                null),
            "deepseek-r1");
    assertEquals("thinking", body.get("content").get(0).get("type").asText());
    assertEquals("2+2 is 4", body.get("content").get(0).get("thinking").asText());
    assertEquals("4", body.get("content").get(1).get("text").asText());
    assertEquals("end_turn", body.get("stop_reason").asText());
    assertEquals(0, body.get("usage").get("input_tokens").asInt());
  }

  @Test
  void errorsUseAnthropicsShapeAndTypes() {
    ObjectNode e = AnthropicResponseWriter.writeError(429, "rate_limit_exceeded", "Slow down");
    assertEquals("error", e.get("type").asText());
    assertEquals("rate_limit_error", e.get("error").get("type").asText());
    assertEquals("Slow down", e.get("error").get("message").asText());
    assertEquals(
        "invalid_request_error",
        AnthropicResponseWriter.writeError(400, "invalid_request_error", "x")
            .get("error")
            .get("type")
            .asText());
    assertEquals(
        "authentication_error",
        AnthropicResponseWriter.writeError(401, "invalid_api_key", "x")
            .get("error")
            .get("type")
            .asText());
    assertEquals(
        "overloaded_error",
        AnthropicResponseWriter.writeError(503, "upstream_error", "x")
            .get("error")
            .get("type")
            .asText());
    assertEquals(
        "api_error",
        AnthropicResponseWriter.writeError(502, "upstream_error", "x")
            .get("error")
            .get("type")
            .asText());
    assertEquals(
        "event: error\n"
            + "data:"
            + " {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overl"
            + "oaded\"}}\n\n",
        AnthropicResponseWriter.errorEvent(503, "upstream_error", "Overloaded").toSse());
  }
}
