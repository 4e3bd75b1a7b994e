package ai.hyperion.routing.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.RoutingConfig;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IntentClassifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final IntentClassifier classifier = new IntentClassifier(1000);

  static ChatRequest ask(String text) {
    return new ChatRequest(
        "m",
        List.of(ChatMessage.text(Role.USER, text)),
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
        null);
  }

  @Test
  void gatewayYamlKnowsExactlyTheClassifiersIntents() {
    assertEquals(
        Arrays.stream(Intent.values()).map(Intent::value).collect(Collectors.toSet()),
        RoutingConfig.INTENTS);
  }

  @Test
  void aJsonResponseFormatIsExtractionWhateverTheText() throws Exception {
    ChatRequest base = ask("Write a poem about the sea");
    ChatRequest json =
        new ChatRequest(
            "m",
            base.messages(),
            false,
            false,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            JSON.readTree("{\"type\":\"json_object\"}"),
            null);
    assertEquals(Intent.CREATIVE, classifier.classify(base).intent());
    assertEquals(Intent.EXTRACTION, classifier.classify(json).intent());
  }

  @Test
  void anInputOverTheThresholdIsLongContextAndCountsCjkPerCharacter() {
    assertEquals(Intent.LONG_CONTEXT, classifier.classify(ask("word ".repeat(900))).intent());
    assertEquals(Intent.LONG_CONTEXT, classifier.classify(ask("文".repeat(1001))).intent());
    assertEquals(250, TokenEstimate.of("abcd".repeat(250)));
    assertEquals(100, TokenEstimate.of("文".repeat(100)));
  }

  @Test
  void complexityRisesFromAGreetingToAConstrainedMultiStepTask() {
    Classification hello = classifier.classify(ask("hi!"));
    Classification task =
        classifier.classify(
            ask(
                "Design the architecture for a payment service and explain the trade-offs step by"
                    + " step:\n1. idempotency\n2. retries\n3. ledger consistency\n4. audit"));
    assertEquals(Intent.CHAT, hello.intent());
    assertEquals(0.0, hello.complexity());
    assertTrue(task.complexity() >= 0.7, "complexity " + task.complexity());
  }

  @Test
  void aStackTraceIsCodeAndAnEquationIsMathInOtherLanguagesToo() {
    assertEquals(
        Intent.CODE,
        classifier
            .classify(ask("Warum? Traceback (most recent call last):\n  KeyError: 'id'"))
            .intent());
    assertEquals(Intent.MATH, classifier.classify(ask("Résous 4x + 2 = 10")).intent());
    assertEquals(Intent.CHAT, classifier.classify(ask("Bonjour !")).intent());
  }
}
