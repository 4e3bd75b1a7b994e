package ai.hyperion.audit.pii;

import ai.hyperion.provider.ChatRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What one organisation does about sensitive data: its mode, whether masked values are put back in
 * answers, and the detectors it uses (built-ins it enabled plus its own patterns). Immutable and
 * thread-safe; built once per settings change, applied per request.
 */
public record PiiPolicy(PiiMode mode, boolean restoreAnswers, PiiScanner scanner) {

  /** All built-in detectors, prompts untouched, stored bodies redacted. */
  public static final PiiPolicy DEFAULT =
      new PiiPolicy(PiiMode.LOG_ONLY, false, PiiScanner.builtIns());

  /**
   * Applies the mode to a prompt: unchanged ({@link PiiMode#LOG_ONLY}, or nothing found), masked
   * ({@link PiiMode#MASK}), or refused ({@link PiiMode#BLOCK}: throws {@link PiiBlockedException}).
   */
  public MaskedRequest protect(ChatRequest request) {
    return switch (mode) {
      case LOG_ONLY -> MaskedRequest.unchanged(request);
      case BLOCK -> {
        Map<String, Integer> found = new TreeMap<>();
        for (String text : ChatText.texts(request)) {
          scanner.scan(text).forEach(f -> found.merge(f.detector(), 1, Integer::sum));
        }
        if (!found.isEmpty()) {
          throw new PiiBlockedException(found);
        }
        yield MaskedRequest.unchanged(request);
      }
      case MASK -> {
        MaskSession session = new MaskSession();
        ChatRequest masked = ChatText.rewrite(request, text -> session.mask(text, scanner));
        yield session.isEmpty()
            ? MaskedRequest.unchanged(request)
            : new MaskedRequest(masked, session, restoreAnswers);
      }
    };
  }

  /** Text as it may be stored: every finding replaced by a placeholder (consistent within it). */
  public String redact(String text) {
    return text == null ? null : new MaskSession().mask(text, scanner);
  }

  /**
   * A redactor for the texts of one stored record (prompt and answer): the same value gets the same
   * placeholder across all of them. Not thread-safe.
   */
  public UnaryOperator<String> redactor() {
    MaskSession session = new MaskSession();
    return text -> text == null ? null : session.mask(text, scanner);
  }
}
