import ai.hyperion.audit.pii.MaskedRequest;
import ai.hyperion.audit.pii.PiiMode;
import ai.hyperion.audit.pii.PiiPolicy;
import ai.hyperion.audit.pii.PiiScanner;
import ai.hyperion.audit.pii.StreamRestorer;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.Usage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Cost per request of the PII stage on the canonical records, in one JVM: masking a prompt before
 * it goes upstream (MASK), scanning it to refuse or pass (BLOCK), restoring the answer (whole and
 * as a stream of deltas), and redacting for the request log (LOG_ONLY, off the request path).
 * Prompts of three sizes, each with a few findings; every call timed on its own after warm-up.
 */
public class RedactionBench {

  static final String PII_SENTENCE =
      "Please email jane.doe@example.com or call +44 20 7946 0958 about card 4111 1111 1111 1111. ";
  static final String PLAIN =
      "The quarterly report shows revenue growth in all regions, with the strongest gains in"
          + " the enterprise segment and a steady churn rate across the self-serve tiers. ";

  static ChatRequest prompt(int chars) {
    StringBuilder text = new StringBuilder(PII_SENTENCE);
    while (text.length() < chars) {
      text.append(PLAIN);
    }
    List<ChatMessage> messages =
        List.of(
            ChatMessage.text(Role.SYSTEM, "You are a careful assistant for the finance team."),
            ChatMessage.text(Role.USER, text.substring(0, chars)));
    return new ChatRequest(
        "gpt-4o", messages, false, false, null, null, null, null, null, null, null, null, null);
  }

  static ChatRequest plainPrompt(int chars) {
    String text = PLAIN.repeat(chars / PLAIN.length() + 1).substring(0, chars);
    return new ChatRequest(
        "gpt-4o",
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

  static ChatResponse answer() {
    return new ChatResponse(
        "c",
        1,
        "gpt-4o",
        List.of(
            new ChatResponse.Choice(
                0,
                ChatMessage.text(
                    Role.ASSISTANT,
                    "I have written to [EMAIL_1] and will call [PHONE_1] today. " + PLAIN),
                FinishReason.STOP,
                null)),
        new Usage(10, 10),
        null);
  }

  static List<StreamEvent> deltas() {
    String text = "I have written to [EMAIL_1] and will call [PHONE_1] today. " + PLAIN;
    List<StreamEvent> events = new ArrayList<>();
    for (int i = 0; i < text.length(); i += 4) {
      events.add(new StreamEvent.TextDelta(0, text.substring(i, Math.min(text.length(), i + 4))));
    }
    events.add(new StreamEvent.Finish(0, FinishReason.STOP));
    return events;
  }

  static volatile Object sink;

  static void measure(String name, int warmup, int calls, Supplier<Object> call) {
    for (int i = 0; i < warmup; i++) {
      sink = call.get();
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      sink = call.get();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f | %.1f |%n",
        name,
        nanos[calls / 2] / 1000.0,
        nanos[(int) (calls * 0.9)] / 1000.0,
        nanos[(int) (calls * 0.99)] / 1000.0,
        nanos[(int) (calls * 0.999)] / 1000.0);
  }

  public static void main(String[] args) {
    int warmup = Integer.getInteger("bench.warmup", 20_000);
    int calls = Integer.getInteger("bench.calls", 50_000);
    PiiScanner scanner = PiiScanner.builtIns();
    PiiPolicy mask = new PiiPolicy(PiiMode.MASK, true, scanner);
    PiiPolicy block = new PiiPolicy(PiiMode.BLOCK, false, scanner);
    ChatResponse answer = answer();
    List<StreamEvent> deltas = deltas();
    System.out.println("| operation (µs per request) | p50 | p90 | p99 | p99.9 |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (int size : new int[] {500, 2_000, 16_000}) {
      ChatRequest request = prompt(size);
      ChatRequest clean = plainPrompt(size);
      MaskedRequest masked = mask.protect(request);
      String text = request.messages().get(1).text();
      measure("mask prompt, " + size + " chars, 3 findings", warmup, calls, () -> mask.protect(request));
      measure("block-mode scan, " + size + " chars, clean", warmup, calls, () -> block.protect(clean));
      measure("log redaction, " + size + " chars", warmup, calls, () -> PiiPolicy.DEFAULT.redactor().apply(text));
      if (size == 500) {
        measure("restore answer (~200 chars)", warmup, calls, () -> masked.restore(answer));
        measure(
            "restore stream, " + deltas.size() + " deltas of 4 chars",
            warmup,
            calls / 5,
            () -> {
              StreamRestorer restorer = masked.streamRestorer();
              int n = 0;
              for (StreamEvent e : deltas) {
                n += restorer.accept(e).size();
              }
              return n + restorer.finish().size();
            });
      }
    }
  }
}
