package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockResponseTranslatorTest {

  @Test
  void readsTheRecordedTextAnswer() throws Exception {
    ChatResponse response =
        BedrockResponseTranslator.read(
            Fixtures.json("bedrock/converse-text.json"),
            "bedrock",
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "chatcmpl-1",
            1700000000L);

    assertEquals("chatcmpl-1", response.id());
    assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", response.model());
    ChatResponse.Choice choice = response.choices().get(0);
    assertEquals(
        "Let me count the \"r\"s in \"strawberry\":\n\ns-t-**r**-a-w-b-e-**r**-**r**-y\n\n"
            + "There are **3** \"r\"s in \"strawberry.\"",
        choice.message().text());
    assertEquals(List.of(), choice.message().toolCalls());
    assertEquals(FinishReason.STOP, choice.finishReason());
    assertEquals(new Usage(22, 57), response.usage());
    assertEquals(79, response.usage().totalTokens());
  }

  @Test
  void readsTheRecordedToolCallWithItsInputAsAJsonString() {
    ChatResponse response =
        BedrockResponseTranslator.read(
            Fixtures.json("bedrock/converse-tool-use.json"), "bedrock", "m", "id", 0);

    ChatResponse.Choice choice = response.choices().get(0);
    assertNull(choice.message().content());
    assertEquals(
        List.of(new ToolCall("tool-use-id", "bash", "{\"command\":\"ls -l\"}")),
        choice.message().toolCalls());
    assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
    assertEquals(new Usage(10, 20), response.usage());
  }

  @Test
  void promptTokensIncludeCacheReadsAndWritesAsOpenAiCountsThem() throws Exception {
    Usage usage =
        BedrockResponseTranslator.readUsage(
            Json.parse(
                "{\"inputTokens\":3,\"outputTokens\":40,\"cacheReadInputTokens\":1111,\"cacheWri"
                    + "teInputTokens\":418,\"totalTokens\":1572}"));

    assertEquals(new Usage(1532, 40, 1111, 418, 0), usage);
    assertEquals(1572, usage.totalTokens());
  }

  @Test
  void mapsEveryStopReason() {
    assertEquals(FinishReason.STOP, BedrockResponseTranslator.finishReason("end_turn"));
    assertEquals(FinishReason.STOP, BedrockResponseTranslator.finishReason("stop_sequence"));
    assertEquals(FinishReason.LENGTH, BedrockResponseTranslator.finishReason("max_tokens"));
    assertEquals(FinishReason.TOOL_CALLS, BedrockResponseTranslator.finishReason("tool_use"));
    assertEquals(
        FinishReason.CONTENT_FILTER, BedrockResponseTranslator.finishReason("content_filtered"));
    assertEquals(
        FinishReason.CONTENT_FILTER,
        BedrockResponseTranslator.finishReason("guardrail_intervened"));
    assertNull(BedrockResponseTranslator.finishReason(null));
  }

  @Test
  void keepsReasoningTextBesideTheAnswer() throws Exception {
    ChatResponse response =
        BedrockResponseTranslator.read(
            Json.parse(
                "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"reasoningConte"
                    + "nt\":{\"reasoningText\":{\"text\":\"Count"
                    + " the r's.\",\"signature\":\"sig\"}}},"
                    + "{\"text\":\"Three.\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTo"
                    + "kens\":5,\"outputTokens\":9,\"totalTokens\":14}}"),
            "bedrock",
            "m",
            "id",
            0);

    assertEquals("Three.", response.choices().get(0).message().text());
    assertEquals(
        "Count the r's.",
        response.choices().get(0).message().extras().get("reasoning_content").asText());
  }

  @Test
  void aBodyWithoutAMessageIsMalformed() throws Exception {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () ->
                BedrockResponseTranslator.read(
                    Json.parse("{\"usage\":{}}"), "bedrock", "m", "id", 0));
    assertEquals(502, e.status());
  }
}
