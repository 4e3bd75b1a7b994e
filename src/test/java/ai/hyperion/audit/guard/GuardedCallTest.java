package ai.hyperion.audit.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.audit.pii.PiiBlockedException;
import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.audit.pii.PiiPolicy;
import ai.hyperion.audit.pii.PiiScanner;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.ListPublisher;
import ai.hyperion.testing.StreamCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedCallTest {

  private static final String PROMPT = "mail jane.doe@example.com or jane.doe@example.com";

  private static PiiPolicy policy(PiiMode mode, boolean restore) {
    return new PiiPolicy(mode, restore, PiiScanner.builtIns());
  }

  @Test
  void maskModeHandsTheInnerStagesPlaceholdersAndKeepsTheRestOfTheCall() {
    ChatCall call = Calls.chat("gpt-4o", false, List.of("backup"), PROMPT);
    GuardedCall guarded = GuardedCall.of(call, policy(PiiMode.MASK, true));

    assertTrue(guarded.changed());
    assertEquals("mail [EMAIL_1] or [EMAIL_1]", guarded.call().request().messages().get(0).text());
    assertSame(call.exchange(), guarded.call().exchange());
    assertSame(call.options(), guarded.call().options());
    assertEquals("gpt-4o", guarded.call().request().model());
  }

  @Test
  void theAnswerIsRestoredWhereTheOrgAllowsIt() {
    ChatCall call = Calls.chat("gpt-4o", false, List.of(), PROMPT);
    ChatResult upstream = new ChatResult.Complete(Calls.answer("to [EMAIL_1]", null));

    ChatResult restored = GuardedCall.of(call, policy(PiiMode.MASK, true)).restore(upstream);
    ChatResult kept = GuardedCall.of(call, policy(PiiMode.MASK, false)).restore(upstream);

    assertEquals(
        "to jane.doe@example.com",
        ((ChatResult.Complete) restored).response().choices().get(0).message().text());
    assertEquals(
        "to [EMAIL_1]", ((ChatResult.Complete) kept).response().choices().get(0).message().text());
  }

  @Test
  void aStreamIsRestoredEvenWhenAPlaceholderIsSplitAcrossDeltas() throws Exception {
    ChatCall call = Calls.chat("gpt-4o", true, List.of(), PROMPT);
    Calls.ManualEnding ending = new Calls.ManualEnding();
    List<StreamEvent> events =
        List.of(
            new StreamEvent.TextDelta(0, "to [EMA"),
            new StreamEvent.TextDelta(0, "IL_1] now"),
            new StreamEvent.Finish(0, null));
    ChatResult.Streaming restored =
        (ChatResult.Streaming)
            GuardedCall.of(call, policy(PiiMode.MASK, true))
                .restore(new ChatResult.Streaming(new ListPublisher<>(events), ending));

    String text = StreamCollector.drain(restored.events()).text();
    assertEquals("to jane.doe@example.com now", text);
    assertSame(ending, restored.ending(), "the stream's end is still reported to the stages");
  }

  @Test
  void blockModeRefusesNamingTheDetectorAndLogOnlyLeavesTheCallAlone() {
    ChatCall call = Calls.chat("gpt-4o", false, List.of(), PROMPT);

    PiiBlockedException blocked =
        assertThrows(
            PiiBlockedException.class, () -> GuardedCall.of(call, policy(PiiMode.BLOCK, false)));
    assertEquals(400, blocked.status());
    assertEquals(2, blocked.findings().get("email"));
    assertFalse(blocked.getMessage().contains("jane.doe"));

    GuardedCall untouched = GuardedCall.of(call, policy(PiiMode.LOG_ONLY, false));
    assertFalse(untouched.changed());
    assertSame(call, untouched.call());
  }
}
