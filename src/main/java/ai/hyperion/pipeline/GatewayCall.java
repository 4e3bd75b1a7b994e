package ai.hyperion.pipeline;

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
}
