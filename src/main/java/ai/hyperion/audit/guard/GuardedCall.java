package ai.hyperion.audit.guard;

import ai.hyperion.audit.pii.MaskedRequest;
import ai.hyperion.audit.pii.PiiPolicy;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;

/**
 * A chat call after its organisation's PII policy: {@link #call()} is what the inner stages and the
 * upstream see (the original call when nothing was masked); {@link #restore} puts the original
 * values back in the answer where the policy says so.
 */
public record GuardedCall(ChatCall call, MaskedRequest masked) {

  /**
   * Applies {@code policy} to {@code call}; throws {@link
   * ai.hyperion.audit.pii.PiiBlockedException} in block mode when the prompt holds a finding.
   */
  public static GuardedCall of(ChatCall call, PiiPolicy policy) {
    MaskedRequest masked = policy.protect(call.request());
    if (!masked.masked()) {
      return new GuardedCall(call, masked);
    }
    return new GuardedCall(
        // A masked prompt is never forwarded as the client's raw Responses body: translated only.
        new ChatCall(
            call.exchange(), masked.request(), call.options(), call.pinnedUpstream(), null),
        masked);
  }

  /** Whether the inner stages see a different prompt than the client sent. */
  public boolean changed() {
    return masked.masked();
  }

  /** The answer as the client gets it: placeholders restored where the policy allows it. */
  public ChatResult restore(ChatResult result) {
    if (result instanceof ChatResult.Complete complete) {
      return new ChatResult.Complete(masked.restore(complete.response()));
    }
    ChatResult.Streaming streaming = (ChatResult.Streaming) result;
    return new ChatResult.Streaming(masked.restore(streaming.events()), streaming.ending());
  }
}
