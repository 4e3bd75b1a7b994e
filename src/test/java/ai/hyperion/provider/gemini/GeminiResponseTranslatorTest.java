package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Continuity;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ResumeState;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class GeminiResponseTranslatorTest {

  @Test
  void functionCallBecomesAShortToolCallIdWithTheSignatureKeptServerSide() {
    ObjectNode body =
        Fixtures.object("gemini/generate-content-function-call-thought-signature.json");
    Continuity continuity = new Continuity(new InMemoryResumeStates(), "org-1", "gemini");

    ChatResponse response = GeminiResponseTranslator.read(body, "gemini", continuity);

    ChatResponse.Choice choice = response.choices().get(0);
    assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
    assertNull(choice.message().content());
    ToolCall call = choice.message().toolCalls().get(0);
    assertEquals("search_docs", call.name());
    assertEquals("{\"query\":\"recurring revenue\"}", call.arguments());
    assertTrue(call.id().matches("call_[A-Za-z0-9]{24}"), call.id());
    String recorded = body.at("/candidates/0/content/parts/0/thoughtSignature").asText();
    assertEquals(recorded, continuity.recall(call.id(), ResumeState.THOUGHT_SIGNATURE));
    assertNull(
        new Continuity(continuity.states(), "org-2", "gemini")
            .recall(call.id(), ResumeState.THOUGHT_SIGNATURE),
        "another organisation does not see it");
    assertNull(
        new Continuity(continuity.states(), "org-1", "vertex-gemini")
            .recall(call.id(), ResumeState.THOUGHT_SIGNATURE),
        "another platform does not get it");
    assertEquals("5I7JaMf5Hcqg1MkP0pmWgQg", response.id());
    assertEquals("gemini-2.5-pro", response.model());
    assertEquals(new Usage(170, 16 + 132, 0, 0, 132), response.usage());
  }

  @Test
  void gemini3FunctionCallIsReadTheSameWay() {
    Continuity continuity = new Continuity(new InMemoryResumeStates(), null, "gemini");
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-function-call.json"), "gemini", continuity);

    ToolCall call = response.choices().get(0).message().toolCalls().get(0);
    assertEquals("weather", call.name());
    assertEquals("{\"location\":\"San Francisco\"}", call.arguments());
    assertEquals(
        "EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUU",
        continuity.recall(call.id(), ResumeState.THOUGHT_SIGNATURE).substring(0, 60));
    assertEquals(FinishReason.TOOL_CALLS, response.choices().get(0).finishReason());
    assertEquals(937, response.usage().totalTokens());
  }

  @Test
  void safetyBlockedCandidateYieldsEmptyFilteredContent() {
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-safety-blocked.json"), "gemini");

    ChatResponse.Choice choice = response.choices().get(0);
    assertEquals(FinishReason.CONTENT_FILTER, choice.finishReason());
    assertEquals("", choice.message().text());
    assertTrue(choice.message().toolCalls().isEmpty());
    assertEquals(new Usage(14, 0), response.usage());
  }

  @Test
  void promptBlockedBeforeAnyCandidateYieldsOneFilteredChoice() {
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-prompt-blocked.json"), "gemini");

    assertEquals(1, response.choices().size());
    assertEquals(FinishReason.CONTENT_FILTER, response.choices().get(0).finishReason());
    assertEquals("", response.choices().get(0).message().text());
    assertEquals(9, response.usage().promptTokens());
  }

  @Test
  void maxTokensIsLength() {
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-max-tokens.json"), "gemini");

    assertEquals(FinishReason.LENGTH, response.choices().get(0).finishReason());
    assertEquals("The capital of France is", response.choices().get(0).message().text());
    assertEquals(new Usage(15, 5), response.usage());
  }

  @Test
  void thoughtTokensCountAsCompletionAndReasoning() {
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-text-thoughts-usage.json"), "gemini");

    assertEquals("Hello! How can I help you today?", response.choices().get(0).message().text());
    assertEquals(FinishReason.STOP, response.choices().get(0).finishReason());
    assertEquals(new Usage(9, 43, 0, 0, 34), response.usage());
    assertEquals(52, response.usage().totalTokens());
  }

  @Test
  void textWithSignatureIsPlainTextAndStops() {
    ChatResponse response =
        GeminiResponseTranslator.read(Fixtures.json("gemini/generate-content-text.json"), "gemini");

    ChatMessage message = response.choices().get(0).message();
    assertEquals(
        "There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
        message.text());
    assertNull(message.extras());
    assertEquals(FinishReason.STOP, response.choices().get(0).finishReason());
  }

  @Test
  void textAfterFunctionResponseIsStop() {
    ChatResponse response =
        GeminiResponseTranslator.read(
            Fixtures.json("gemini/generate-content-text-after-function-response.json"), "gemini");

    assertTrue(response.choices().get(0).message().text().startsWith("OK. I found a reference"));
    assertEquals(new Usage(207, 20), response.usage());
  }

  @Test
  void thoughtPartsBecomeReasoningContentAndCachedTokensAreReported() {
    ObjectNode body = Fixtures.object("gemini/generate-content-text-thoughts-usage.json");
    ArrayNode parts = (ArrayNode) body.at("/candidates/0/content/parts");
    parts.insertObject(0).put("text", "The user greets me.").put("thought", true);
    ((ObjectNode) body.get("usageMetadata")).put("cachedContentTokenCount", 4);

    ChatResponse response = GeminiResponseTranslator.read(body, "gemini");

    ChatMessage message = response.choices().get(0).message();
    assertEquals("Hello! How can I help you today?", message.text());
    assertEquals("The user greets me.", message.extras().get("reasoning_content").asText());
    assertEquals(new Usage(9, 43, 4, 0, 34), response.usage());
  }

  @Test
  void finishReasonsFollowTheFormatNotes() {
    assertEquals(FinishReason.STOP, GeminiResponseTranslator.finishReason("STOP", false));
    assertEquals(FinishReason.TOOL_CALLS, GeminiResponseTranslator.finishReason("STOP", true));
    assertEquals(FinishReason.LENGTH, GeminiResponseTranslator.finishReason("MAX_TOKENS", false));
    for (String filtered :
        new String[] {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII"}) {
      assertEquals(
          FinishReason.CONTENT_FILTER, GeminiResponseTranslator.finishReason(filtered, false));
    }
    assertNull(GeminiResponseTranslator.finishReason(null, false));
  }

  @Test
  void toolUsePromptTokensCountAsPrompt() {
    ObjectNode usage =
        Json.object()
            .put("promptTokenCount", 10)
            .put("toolUsePromptTokenCount", 5)
            .put("candidatesTokenCount", 3)
            .put("totalTokenCount", 18);

    assertEquals(new Usage(15, 3), GeminiResponseTranslator.readUsage(usage));
  }
}
