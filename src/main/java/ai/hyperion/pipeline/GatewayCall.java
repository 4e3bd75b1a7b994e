package ai.hyperion.pipeline;

import java.util.Optional;

/**
 * What every pipeline stage can read about a call, whatever its kind; {@code R} is the type of its
 * result ({@link ChatResult} for chat, the embedding response for embeddings), so a stage that
 * answers a call (a cache hit) can only answer with the right kind.
 */
public interface GatewayCall<R> {

  Exchange exchange();

  RequestOptions options();

  /** The model name the caller asked for. */
  String requestedModel();

  /** What the call needs of a model ({@code chat}, {@code stream}, {@code embeddings}). */
  String capability();

  /**
   * The upstream this call must be served by (a dedicated endpoint), or empty when routing chooses.
   * Stages that key or price by model use its name for such a call: the same model name on two
   * endpoints is two different servers.
   */
  default Optional<PinnedUpstream> pinned() {
    return Optional.empty();
  }
}
