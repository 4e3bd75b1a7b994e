package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Role;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrefixFingerprintTest {

  private static ChatRequest request(ChatMessage... messages) {
    return new ChatRequest(
        "m", List.of(messages), false, false, null, null, null, null, null, null, null, null, null);
  }

  private static ChatMessage user(String text) {
    return ChatMessage.text(Role.USER, text);
  }

  @Test
  void aLongSystemPromptIsThePrefixWhateverTheQuestion() {
    ChatMessage system = ChatMessage.text(Role.SYSTEM, "policy ".repeat(800));
    Optional<String> a = PrefixFingerprint.of(request(system, user("one")), "m", 1024);
    Optional<String> b = PrefixFingerprint.of(request(system, user("two")), "m", 1024);
    assertTrue(a.isPresent());
    assertEquals(a, b);
    assertNotEquals(a, PrefixFingerprint.of(request(system, user("one")), "other-model", 1024));
  }

  @Test
  void aShortPrefixHasNoFingerprintAndTheFinalMessageIsNeverPartOfIt() {
    assertEquals(
        Optional.empty(),
        PrefixFingerprint.of(
            request(ChatMessage.text(Role.SYSTEM, "Be brief."), user("hi")), "m", 1024));
    assertEquals(
        Optional.empty(), PrefixFingerprint.of(request(user("long ".repeat(2000))), "m", 1024));
  }

  @Test
  void aGrowingConversationKeepsItsFingerprintOnceTheCutIsReached() {
    ChatMessage first = user("context ".repeat(900));
    ChatMessage reply = ChatMessage.text(Role.ASSISTANT, "ok");
    Optional<String> turn2 = PrefixFingerprint.of(request(first, reply, user("q2")), "m", 1024);
    Optional<String> turn3 =
        PrefixFingerprint.of(request(first, reply, user("q2"), reply, user("q3")), "m", 1024);
    assertTrue(turn2.isPresent());
    assertEquals(turn2, turn3);
  }

  @Test
  void aCacheControlBreakpointMarksTheEndOfThePrefix() {
    ChatMessage marked =
        new ChatMessage(
            Role.USER,
            List.of(
                new ContentPart.Text(
                    "doc ".repeat(1200),
                    JsonNodeFactory.instance.objectNode().put("type", "ephemeral"))),
            false,
            List.of(),
            null,
            null);
    Optional<String> a = PrefixFingerprint.of(request(marked, user("q1")), "m", 1024);
    Optional<String> b =
        PrefixFingerprint.of(
            request(marked, ChatMessage.text(Role.ASSISTANT, "a"), user("q2")), "m", 1024);
    assertTrue(a.isPresent());
    assertEquals(a, b);
  }
}
