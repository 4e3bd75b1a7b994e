package ai.hyperion.pipeline;

import ai.hyperion.provider.Usage;
import java.util.Map;
import java.util.Optional;

/**
 * What the policy stage decided for a call it admitted. The pipeline ends every admission exactly
 * once: {@link #settle} with what the call really used (also after a failed or cut stream that
 * produced tokens, and after a client disconnect), or {@link #release} when nothing was used.
 */
public interface Admission {

  /** No limits apply: nothing to settle or release. */
  Admission UNLIMITED =
      new Admission() {
        @Override
        public void settle(Usage usage, String servedModel) {}

        @Override
        public void release() {}
      };

  /** A hint for the router (e.g. a budget-aware fallback), if the policy has one. */
  default Optional<PolicySignal> signal() {
    return Optional.empty();
  }

  /** Headers for the answer, e.g. OpenAI's {@code x-ratelimit-*} for the tightest limit. */
  default Map<String, String> headers() {
    return Map.of();
  }

  /** Charges what the call used; {@code servedModel} is the catalog id that served it. */
  void settle(Usage usage, String servedModel);

  /** Gives back what was reserved: the call used nothing. */
  void release();
}
