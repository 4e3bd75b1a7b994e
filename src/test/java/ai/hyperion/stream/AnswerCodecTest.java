package ai.hyperion.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cached answers keep every field, and long ones are stored compressed. */
class AnswerCodecTest {

  @Test
  void everyFieldSurvivesTheRoundTrip() {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT,
            List.of(new ContentPart.Text("It is sunny.")),
            true,
            List.of(new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}")),
            null,
            Json.object().put("refusal", (String) null).put("reasoning_content", "Looked it up."));
    ChatResponse response =
        new ChatResponse(
            "chatcmpl-9",
            1_700_000_123L,
            "claude-haiku-4-5",
            List.of(
                new ChatResponse.Choice(
                    0, message, FinishReason.TOOL_CALLS, Json.object().put("content", "x"))),
            new Usage(100, 50, 20, 10, 5),
            Json.object().put("system_fingerprint", "fp_1"));
    assertEquals(response, AnswerCodec.decode(AnswerCodec.encode(response)));
  }

  @Test
  void longAnswersAreStoredCompressed() {
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
    ChatResponse response = answer(text);
    byte[] bytes = AnswerCodec.encode(response);
    assertTrue(bytes.length < text.length() / 5, "stored in " + bytes.length + " bytes");
    assertEquals(response, AnswerCodec.decode(bytes));
  }

  @Test
  void answersUnderAKibibyteAreStoredPlain() {
    ChatResponse response = answer("The quick brown fox jumps over the lazy dog. ".repeat(12));
    byte[] bytes = AnswerCodec.encode(response);
    assertEquals(0, bytes[0], "plain, though it would deflate");
    assertEquals(response, AnswerCodec.decode(bytes));
  }

  @Test
  void reusedCodersCarryNothingFromOneAnswerToTheNext() {
    List<ChatResponse> answers = new ArrayList<>();
    List<byte[]> encoded = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ChatResponse response = answer(("answer " + i + " says ").repeat(100 + i * 7));
      answers.add(response);
      encoded.add(AnswerCodec.encode(response));
    }
    byte[] corrupt = encoded.get(3).clone();
    corrupt[corrupt.length / 2] ^= 0x55;
    corrupt[corrupt.length / 2 + 1] ^= 0x55;
    assertThrows(IllegalStateException.class, () -> AnswerCodec.decode(corrupt));
    for (int i = 0; i < answers.size(); i++) {
      assertEquals(1, encoded.get(i)[0], "deflated");
      assertEquals(answers.get(i), AnswerCodec.decode(encoded.get(i)));
    }
  }

  private static ChatResponse answer(String text) {
    return new ChatResponse(
        "id",
        1,
        "m",
        List.of(
            new ChatResponse.Choice(
                0, ChatMessage.text(Role.ASSISTANT, text), FinishReason.STOP, null)),
        new Usage(1, 2),
        null);
  }
}
