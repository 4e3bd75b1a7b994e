package ai.hyperion.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * Where adapters keep the opaque state a provider needs to resume a conversation (Gemini thought
 * signatures, Anthropic thinking blocks) so that it never rides in a tool-call id or reaches
 * another provider. Entries are keyed by the conversation's scope (the organisation) and the
 * tool-call id the client echoes back, and expire after {@link #TTL}: a conversation resumed after
 * that loses only the provider's private reasoning state, never the turn itself.
 *
 * <p>Implemented by the cluster (shared by every gateway node) and in memory for tests and single
 * nodes ({@link InMemoryResumeStates}).
 */
public interface ResumeStates {

  /** How long a provider's resume state is kept after the turn that produced it. */
  Duration TTL = Duration.ofHours(24);

  void put(String scope, String callId, ResumeState state);

  Optional<ResumeState> get(String scope, String callId);
}
