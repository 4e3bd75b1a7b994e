package ai.hyperion.provider.anthropic;

import static ai.hyperion.testing.Fixtures.bytes;
import static ai.hyperion.testing.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.api.anthropic.AnthropicResponseWriter;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicResponseTranslatorTest {

  private static ChatResponse read(String fixture) {
    return AnthropicResponseTranslator.fromWire(json("anthropic/" + fixture), "anthropic", false);
  }

  @Test
  void textMessageBecomesOneAssistantChoice() {
    ChatResponse r = read("messages-text.json");
    assertEquals("msg_01VdEjxAP5ahtHKrrRdNBteQ", r.id());
    assertEquals("claude-sonnet-4-5-20250929", r.model());
    ChatResponse.Choice choice = r.choices().get(0);
    assertEquals(
        "Hello! I'm doing well, thanks for asking. How are you doing today? Is there anything I can"
            + " help you with?",
        choice.message().text());
    assertEquals(FinishReason.STOP, choice.finishReason());
    assertTrue(choice.message().toolCalls().isEmpty());
    assertEquals(new Usage(12, 29, 0, 0, 0), r.usage());
  }

  @Test
  void cacheReadAndCreationAreAddedToPromptTokens() {
    // 3 input + 418 written + 1111 read, as in FORMAT-NOTES.md
    assertEquals(
        new Usage(1532, 33, 1111, 418, 0), read("messages-cache-creation-and-read.json").usage());
    assertEquals(new Usage(2066, 100, 2055, 0, 0), read("messages-cache-read.json").usage());
    assertEquals(new Usage(2073, 100, 0, 2055, 0), read("messages-cache-write.json").usage());
    assertEquals(
        FinishReason.LENGTH, read("messages-cache-write.json").choices().get(0).finishReason());
  }

  @Test
  void textThenToolUseKeepsBothAndInputBecomesAnArgumentsString() {
    ChatResponse r = read("messages-text-and-tool-use.json");
    ChatResponse.Choice choice = r.choices().get(0);
    assertTrue(
        choice
            .message()
            .text()
            .startsWith("<thinking>\nThe get_weather tool is directly relevant"));
    assertEquals(
        List.of(
            new ToolCall(
                "toolu_01DYJo37oETVsCdLTTcCWcdq",
                "get_weather",
                "{\"location\":\"San Francisco, CA\"}")),
        choice.message().toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
    assertEquals(new Usage(599, 152), r.usage());
  }

  @Test
  void toolUseOnlyMessageHasNoContent() {
    ChatResponse.Choice choice = read("messages-tool-use-non-stream.json").choices().get(0);
    assertNull(choice.message().content());
    ToolCall call = choice.message().toolCalls().get(0);
    assertEquals("toolu_01GHndag5wQmbzNihYmV2UBj", call.id());
    assertEquals(
        Json.object().put("location", "San Francisco, CA").put("units", "c"),
        Json.tryParse(call.arguments().getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }

  @Test
  void forcedJsonToolAnswerBecomesTheTextAndAStop() {
    ChatResponse r =
        AnthropicResponseTranslator.fromWire(
            json("anthropic/messages-tool-use.json"), "anthropic", true);
    ChatResponse.Choice choice = r.choices().get(0);
    assertTrue(choice.message().toolCalls().isEmpty());
    assertEquals(FinishReason.STOP, choice.finishReason());
    assertEquals(
        json("anthropic/messages-tool-use.json").path("content").get(0).get("input"),
        Json.tryParse(choice.message().text().getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }

  @Test
  void refusalIsAContentFilterStopWithTheExplanation() {
    ChatResponse.Choice choice = read("messages-refusal.json").choices().get(0);
    assertEquals(FinishReason.CONTENT_FILTER, choice.finishReason());
    assertNull(choice.message().content());
    assertTrue(
        choice
            .message()
            .extras()
            .get("refusal")
            .asText()
            .startsWith("This request triggered restrictions"));
  }

  @Test
  void thinkingBlocksAreKeptForTheNextTurn() {
    var body =
        Json.object().put("id", "msg_1").put("model", "claude").put("stop_reason", "end_turn");
    var content = body.putArray("content");
    content
        .addObject()
        .put("type", "thinking")
        .put("thinking", "Let me think.")
        .put("signature", "sig");
    content.addObject().put("type", "text").put("text", "42");
    ChatResponse.Choice choice =
        AnthropicResponseTranslator.fromWire(body, "anthropic", false).choices().get(0);
    assertEquals("42", choice.message().text());
    assertEquals("Let me think.", choice.message().extras().get("reasoning_content").asText());
    assertEquals(
        "sig", choice.message().extras().get("thinking_blocks").get(0).get("signature").asText());
  }

  @Test
  void bodyWithoutContentIsMalformed() {
    ProviderException e =
        Assertions.assertThrows(
            ProviderException.class,
            () ->
                AnthropicResponseTranslator.fromWire(
                    Json.object().put("type", "message"), "anthropic", false));
    assertEquals(502, e.status());
  }

  // --- errors ---

  private static ProviderException error(int status, String fixture) {
    return AnthropicErrorTranslator.fromHttp("anthropic", status, bytes("anthropic/" + fixture));
  }

  @Test
  void invalidRequestStaysA400WithTheUpstreamMessage() {
    ProviderException e = error(400, "error-400-invalid-request.json");
    assertEquals(400, e.status());
    assertEquals("invalid_request_error", e.type());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().startsWith("messages.0.content.1: unexpected `tool_use_id`"));
    assertEquals(400, error(400, "error-400-invalid-request-shape.json").status());
  }

  @Test
  void promptTooLongIsOpenAisContextLengthExceeded() {
    ProviderException e = error(400, "error-400-prompt-too-long.json");
    assertEquals(400, e.status());
    assertEquals("context_length_exceeded", e.code());
    assertEquals("messages", e.param());
  }

  @Test
  void upstreamAuthenticationFailureIsTheOperatorsProblemSo502() {
    ProviderException e = error(401, "error-401-authentication.json");
    assertEquals(502, e.status());
    assertEquals("upstream_error", e.type());
    assertEquals("authentication_error", e.code());
    assertFalse(e.retryable());
    assertEquals(
        502,
        AnthropicErrorTranslator.fromHttp(
                "anthropic",
                403,
                "{\"type\":\"error\",\"error\":{\"type\":\"permission_error\",\"message\":\"no\"}}"
                    .getBytes(StandardCharsets.UTF_8))
            .status());
  }

  @Test
  void rateLimitIsARetryable429() {
    ProviderException e = error(429, "error-429-rate-limit.json");
    assertEquals(429, e.status());
    assertEquals("rate_limit_exceeded", e.type());
    assertTrue(e.retryable());
  }

  @Test
  void overloadedIsARetryable503() {
    ProviderException e = error(529, "error-529-overloaded.json");
    assertEquals(503, e.status());
    assertEquals("overloaded_error", e.code());
    assertEquals("Overloaded", e.getMessage());
    assertTrue(e.retryable());
  }

  @ParameterizedTest
  @CsvSource({
    "400, error-400-invalid-request", "401, error-401-authentication",
    "429, error-429-rate-limit", "529, error-529-overloaded"
  })
  void retryableAgreesWithTheRecordedXShouldRetryHeader(int status, String fixture) {
    JsonNode headers = json("anthropic/" + fixture + ".headers.json");
    JsonNode shouldRetry =
        headers.has("headers")
            ? headers.get("headers").get("x-should-retry")
            : headers.get("x-should-retry");
    assertEquals(
        Boolean.parseBoolean(shouldRetry.asText()), error(status, fixture + ".json").retryable());
  }

  @Test
  void otherStatusesMapLikeTheOpenAiAdapter() {
    byte[] apiError =
        ("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server err"
                + "or\"}}")
            .getBytes(StandardCharsets.UTF_8);
    ProviderException internal = AnthropicErrorTranslator.fromHttp("anthropic", 500, apiError);
    assertEquals(502, internal.status());
    assertTrue(internal.retryable());
    byte[] notFound =
        ("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: claude"
                + "-nope\"}}")
            .getBytes(StandardCharsets.UTF_8);
    ProviderException missing = AnthropicErrorTranslator.fromHttp("anthropic", 404, notFound);
    assertEquals(404, missing.status());
    assertEquals("model_not_found", missing.code());
    byte[] tooLarge =
        ("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":\"Request exc"
                + "eeds the maximum size\"}}")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(413, AnthropicErrorTranslator.fromHttp("anthropic", 413, tooLarge).status());
    ProviderException html =
        AnthropicErrorTranslator.fromHttp(
            "anthropic", 502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(502, html.status());
    assertTrue(html.retryable());
    assertEquals("Provider 'anthropic' answered HTTP 502.", html.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "messages-cache-creation-and-read.json",
        "messages-text-and-tool-use.json",
        "messages-tool-use-non-stream.json",
        "messages-cache-write.json"
      })
  void anthropicAnswerWrittenBackMatchesTheRecording(String fixture) {
    JsonNode recorded = json("anthropic/" + fixture);
    ChatResponse canonical = AnthropicResponseTranslator.fromWire(recorded, "anthropic", false);
    ObjectNode written =
        AnthropicResponseWriter.writeResponse(canonical, recorded.get("model").asText());
    for (String field : List.of("id", "type", "role", "model", "stop_reason", "stop_sequence")) {
      assertEquals(recorded.get(field), written.get(field), field);
    }
    for (int i = 0; i < recorded.get("content").size(); i++) {
      JsonNode block = recorded.get("content").get(i).deepCopy();
      ((ObjectNode) block).remove("caller");
      assertEquals(block, written.get("content").get(i));
    }
    for (String count :
        List.of(
            "input_tokens",
            "cache_creation_input_tokens",
            "cache_read_input_tokens",
            "output_tokens")) {
      assertEquals(
          recorded.get("usage").path(count).asInt(),
          written.get("usage").get(count).asInt(),
          count);
    }
  }
}
