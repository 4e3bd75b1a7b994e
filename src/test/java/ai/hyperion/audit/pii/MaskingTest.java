package ai.hyperion.audit.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.ToolCall;
import ai.hyperion.provider.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Masking prompts, restoring answers (whole and streamed, placeholders split), blocking. */
class MaskingTest {

  private static final PiiPolicy MASK_AND_RESTORE =
      new PiiPolicy(PiiMode.MASK, true, PiiScanner.builtIns());

  private static ChatRequest prompt(String... userTexts) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.text(Role.SYSTEM, "You are helpful."));
    for (String text : userTexts) {
      messages.add(ChatMessage.text(Role.USER, text));
    }
    return new ChatRequest(
        "gpt-4o", messages, false, false, null, null, null, null, null, null, null, null, null);
  }

  private static ChatResponse answer(String text, ToolCall... calls) {
    ChatMessage message =
        new ChatMessage(
            Role.ASSISTANT, List.of(new ContentPart.Text(text)), true, List.of(calls), null, null);
    return new ChatResponse(
        "chatcmpl-1",
        1,
        "gpt-4o",
        List.of(new ChatResponse.Choice(0, message, FinishReason.STOP, null)),
        new Usage(10, 5),
        null);
  }

  @Test
  void theSameValueGetsTheSamePlaceholderAcrossMessages() {
    MaskedRequest masked =
        MASK_AND_RESTORE.protect(
            prompt(
                "Mail jane@example.com and bob@example.org.",
                "Again: jane@example.com, card 4111 1111 1111 1111."));
    assertTrue(masked.masked());
    List<ChatMessage> sent = masked.request().messages();
    assertEquals("You are helpful.", sent.get(0).text());
    assertEquals("Mail [EMAIL_1] and [EMAIL_2].", sent.get(1).text());
    assertEquals("Again: [EMAIL_1], card [CARD_1].", sent.get(2).text());
    assertEquals(Map.of("card", 1, "email", 3), masked.findings());
    assertFalse(masked.request().toString().contains("jane@example.com"));
  }

  @Test
  void answersGetTheOriginalsBackOnlyWhereTheOrgAllowsIt() {
    ChatRequest request = prompt("Write to jane@example.com");
    ChatResponse reply =
        answer(
            "I wrote to [EMAIL_1].",
            new ToolCall("call_1", "send_mail", "{\"to\":\"[EMAIL_1]\",\"cc\":\"[EMAIL_9]\"}"));

    ChatResponse restored = MASK_AND_RESTORE.protect(request).restore(reply);
    ChatMessage message = restored.choices().get(0).message();
    assertEquals("I wrote to jane@example.com.", message.text());
    assertEquals(
        "{\"to\":\"jane@example.com\",\"cc\":\"[EMAIL_9]\"}",
        message.toolCalls().get(0).arguments());

    PiiPolicy maskOnly = new PiiPolicy(PiiMode.MASK, false, PiiScanner.builtIns());
    MaskedRequest masked = maskOnly.protect(request);
    assertEquals("Write to [EMAIL_1]", masked.request().messages().get(1).text());
    assertSame(reply, masked.restore(reply));
  }

  @Test
  void aPlaceholderSplitAcrossStreamDeltasIsRestored() {
    MaskedRequest masked = MASK_AND_RESTORE.protect(prompt("Call +44 20 7946 0958 or mail a@b.io"));
    StreamRestorer restorer = masked.streamRestorer();
    List<StreamEvent> out = new ArrayList<>();
    for (StreamEvent event :
        List.of(
            new StreamEvent.Start("id", "gpt-4o", 1),
            new StreamEvent.TextDelta(0, "Sure, I called [PH"),
            new StreamEvent.TextDelta(0, "ONE_"),
            new StreamEvent.TextDelta(0, "1] and mailed ["),
            new StreamEvent.TextDelta(0, "EMAIL_1]. A [note] stays; [EMAIL_"),
            new StreamEvent.ToolCallDelta(0, 0, "call_1", "notify", "{\"to\":\"[EM"),
            new StreamEvent.ToolCallDelta(0, 0, null, null, "AIL_1]\"}"),
            new StreamEvent.Finish(0, FinishReason.STOP),
            new StreamEvent.UsageReport(new Usage(3, 4)))) {
      out.addAll(restorer.accept(event));
    }
    out.addAll(restorer.finish());

    StringBuilder text = new StringBuilder();
    StringBuilder args = new StringBuilder();
    for (StreamEvent e : out) {
      if (e instanceof StreamEvent.TextDelta t) {
        text.append(t.text());
        assertFalse(t.text().contains("[PH"), "a partial placeholder is never shown");
      } else if (e instanceof StreamEvent.ToolCallDelta c && c.argumentsFragment() != null) {
        args.append(c.argumentsFragment());
      }
    }
    assertEquals(
        "Sure, I called +44 20 7946 0958 and mailed a@b.io. A [note] stays; [EMAIL_",
        text.toString());
    assertEquals("{\"to\":\"a@b.io\"}", args.toString());
    assertTrue(out.get(out.size() - 1) instanceof StreamEvent.UsageReport);
    assertTrue(
        out.stream()
            .anyMatch(e -> e instanceof StreamEvent.ToolCallDelta c && "call_1".equals(c.id())),
        "the start of a tool call is kept even when its arguments are held back");
  }

  @Test
  void theRestoringPublisherKeepsDemandAndOrder() throws Exception {
    MaskedRequest masked = MASK_AND_RESTORE.protect(prompt("mail a@b.io"));
    SubmissionPublisher<StreamEvent> upstream = new SubmissionPublisher<>();
    List<StreamEvent> received = new CopyOnWriteArrayList<>();
    AtomicBoolean completed = new AtomicBoolean();
    masked
        .restore(upstream)
        .subscribe(
            new Flow.Subscriber<>() {
              Flow.Subscription s;

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                s = subscription;
                s.request(1);
              }

              @Override
              public void onNext(StreamEvent item) {
                received.add(item);
                s.request(1);
              }

              @Override
              public void onError(Throwable throwable) {}

              @Override
              public void onComplete() {
                completed.set(true);
              }
            });
    upstream.submit(new StreamEvent.TextDelta(0, "to ["));
    upstream.submit(new StreamEvent.TextDelta(0, "EMA"));
    upstream.submit(new StreamEvent.TextDelta(0, "IL_1] ok"));
    upstream.submit(new StreamEvent.Finish(0, FinishReason.STOP));
    upstream.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!completed.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(completed.get());
    StringBuilder text = new StringBuilder();
    received.forEach(e -> text.append(e instanceof StreamEvent.TextDelta t ? t.text() : "|"));
    assertEquals("to a@b.io ok|", text.toString());
  }

  @Test
  void blockModeRefusesNamingTheDetectorsButNotTheData() {
    PiiPolicy block = new PiiPolicy(PiiMode.BLOCK, false, PiiScanner.builtIns());
    PiiBlockedException refused =
        assertThrows(
            PiiBlockedException.class,
            () -> block.protect(prompt("my card 4111 1111 1111 1111, ssn 123-45-6789")));
    assertEquals(400, refused.status());
    assertEquals("pii_detected", refused.code());
    assertTrue(refused.getMessage().contains("card (1)"), refused.getMessage());
    assertTrue(refused.getMessage().contains("ssn (1)"), refused.getMessage());
    assertFalse(refused.getMessage().contains("4111"));
    ChatRequest clean = prompt("nothing to see");
    assertSame(clean, block.protect(clean).request());
  }

  @Test
  void logOnlyLeavesThePromptAndRedactsStoredText() {
    ChatRequest request = prompt("key sk-proj-abcdEFGH1234ijklMNOP5678qrst for jane@example.com");
    assertSame(request, PiiPolicy.DEFAULT.protect(request).request());
    assertEquals(
        "key [SECRET_1] for [EMAIL_1], again [EMAIL_1]",
        PiiPolicy.DEFAULT.redact(
            "key sk-proj-abcdEFGH1234ijklMNOP5678qrst for jane@example.com, again"
                + " jane@example.com"));
  }

  @Test
  void customPatternsJoinTheBuiltIns() {
    List<Detector> detectors = new ArrayList<>(Detectors.all());
    detectors.add(CustomPattern.of("employee_id", "EMP-\\d{6}"));
    PiiPolicy policy = new PiiPolicy(PiiMode.MASK, true, new PiiScanner(detectors));
    MaskedRequest masked = policy.protect(prompt("EMP-004211 at 10.1.2.3"));
    assertEquals(
        "[CUSTOM_EMPLOYEE_ID_1] at [IP_ADDRESS_1]", masked.request().messages().get(1).text());
    assertEquals(
        "EMP-004211 logged in",
        masked
            .restore(answer("[CUSTOM_EMPLOYEE_ID_1] logged in"))
            .choices()
            .get(0)
            .message()
            .text());
  }
}
