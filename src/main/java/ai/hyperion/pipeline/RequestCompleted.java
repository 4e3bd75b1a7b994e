package ai.hyperion.pipeline;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Usage;
import java.util.List;

/**
 * Fired exactly once per data-plane request, when its answer is complete: after a non-streamed
 * answer or a refusal, or when a stream ended, whether or not the client was still there. It is a
 * synchronous event fired on the thread that completed the answer (an asynchronous CDI event cost a
 * JNDI look-up and a thread hop per request): observers must not block, they count or enqueue to
 * their own batched writers.
 *
 * <p>{@code status} is the true final status (a stream that failed after it started is not 200);
 * {@code error} is null on success; {@code answer} is the canonical chat answer (accumulated from
 * the events for a stream; null for embeddings and failures before any output); {@code usage} is
 * null when the upstream reported none; {@code attempts} lists every upstream attempt in order.
 */
public record RequestCompleted(
    Exchange exchange,
    int status,
    GatewayError error,
    ChatResponse answer,
    Usage usage,
    boolean streamed,
    boolean clientDisconnected,
    List<AttemptRecord> attempts) {

  public RequestCompleted {
    attempts = List.copyOf(attempts);
  }

  /** The caller, or null when the request was refused before its key was resolved. */
  public TenantContext tenant() {
    return exchange.tenant();
  }

  /** The data-plane path the request came in on ({@code /v1/chat/completions}, ...). */
  public String endpoint() {
    return exchange.endpoint();
  }

  public boolean succeeded() {
    return error == null;
  }
}
