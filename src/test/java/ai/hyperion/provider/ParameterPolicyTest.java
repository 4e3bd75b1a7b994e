package ai.hyperion.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterPolicyTest {

  private static ChatRequest request(
      Double temperature, Double topP, List<String> stop, Integer maxTokens, Double penalty) {
    return new ChatRequest(
        "m",
        List.of(ChatMessage.text(Role.USER, "hi")),
        false,
        false,
        maxTokens,
        null,
        temperature,
        topP,
        stop,
        null,
        null,
        null,
        penalty == null ? null : Json.object().put("presence_penalty", penalty).put("seed", 7),
        "org-1");
  }

  @Test
  void bedrockClampsTemperatureAndDropsPenalties() {
    ParameterPolicy.Applied applied =
        ParameterPolicies.BEDROCK.apply(request(1.5, 0.9, List.of(), null, 0.5));

    assertEquals(1.0, applied.request().temperature());
    assertEquals(0.9, applied.request().topP());
    assertFalse(applied.request().extras().has("presence_penalty"));
    assertEquals(7, applied.request().extras().get("seed").asInt(), "other extras stay");
    assertEquals(List.of("temperature:1.5->1", "presence_penalty:0.5->dropped"), applied.changes());
    assertEquals("org-1", applied.request().conversationScope());
  }

  @Test
  void anthropicKeepsTemperatureOverTopP() {
    ParameterPolicy.Applied applied =
        ParameterPolicies.ANTHROPIC.apply(request(0.7, 0.9, List.of(), null, null));

    assertEquals(0.7, applied.request().temperature());
    assertNull(applied.request().topP());
    assertEquals(List.of("top_p:0.9->dropped"), applied.changes());
  }

  @Test
  void openAiCutsStopSequencesAndClampsPenalties() {
    ParameterPolicy.Applied applied =
        ParameterPolicies.OPENAI.apply(
            request(2.5, null, List.of("a", "b", "c", "d", "e"), null, 3.0));

    assertEquals(2.0, applied.request().temperature());
    assertEquals(List.of("a", "b", "c", "d"), applied.request().stop());
    assertEquals(2.0, applied.request().extras().get("presence_penalty").asDouble());
    assertEquals(
        List.of("temperature:2.5->2", "stop:5->4", "presence_penalty:3->2"), applied.changes());
  }

  @Test
  void theModelsOutputCeilingComesFromTheOptions() {
    ParameterPolicy policy =
        ParameterPolicies.GEMINI.withOptions(Json.object().put("max-output-tokens", 65536));

    ParameterPolicy.Applied applied = policy.apply(request(null, null, List.of(), 200_000, null));

    assertEquals(65536, applied.request().maxTokens());
    assertEquals(List.of("max_tokens:200000->65536"), applied.changes());
    assertThrows(
        IllegalArgumentException.class,
        () -> ParameterPolicies.GEMINI.withOptions(Json.object().put("max-output-tokens", 0)));
  }

  @Test
  void aRequestWithinTheLimitsIsTheSameObject() {
    ChatRequest request = request(0.5, null, List.of("x"), 100, null);

    ParameterPolicy.Applied applied = ParameterPolicies.BEDROCK.apply(request);

    assertSame(request, applied.request());
    assertFalse(applied.changed());
  }
}
