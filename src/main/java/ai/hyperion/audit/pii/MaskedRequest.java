package ai.hyperion.audit.pii;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.StreamEvent;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * A prompt after the organisation's PII policy: {@link #request()} is what goes upstream; the
 * {@code restore} methods put the original values back in the answer where the policy says so, and
 * return the answer unchanged otherwise.
 */
public final class MaskedRequest {

  private final ChatRequest request;
  private final MaskSession session;
  private final boolean restore;

  MaskedRequest(ChatRequest request, MaskSession session, boolean restore) {
    this.request = request;
    this.session = session;
    this.restore = restore && session != null && !session.isEmpty();
  }

  static MaskedRequest unchanged(ChatRequest request) {
    return new MaskedRequest(request, null, false);
  }

  /** What to send upstream. */
  public ChatRequest request() {
    return request;
  }

  /** Whether anything was masked. */
  public boolean masked() {
    return session != null && !session.isEmpty();
  }

  /** Detector → occurrences masked (empty when nothing was, or in other modes). */
  public Map<String, Integer> findings() {
    return session == null ? Map.of() : session.findings();
  }

  public ChatResponse restore(ChatResponse response) {
    return restore ? ChatText.rewrite(response, session::restore) : response;
  }

  /** The streamed answer with placeholders restored, also when one is split across deltas. */
  public Flow.Publisher<StreamEvent> restore(Flow.Publisher<StreamEvent> events) {
    return restore ? new RestoringPublisher(events, session) : events;
  }

  /** For a caller that pushes events itself; null when nothing is to be restored. */
  public StreamRestorer streamRestorer() {
    return restore ? new StreamRestorer(session) : null;
  }
}
