package ai.hyperion.cache;

import java.util.concurrent.CompletionStage;

/**
 * Turns the last user turn into a unit-length vector for the semantic tier. The in-process model
 * ({@link MiniLmEmbedder}) is the default; an operator may configure a provider's embeddings
 * endpoint instead (an implementation over the gateway's provider layer). Implementations never
 * block the calling thread: the work runs on their own bounded executor or on the network.
 */
public interface Embedder {

  /**
   * Names the model and its version: vectors of different embedders are never compared (each has
   * its own index).
   */
  String id();

  /**
   * A unit-length vector; fails with {@link java.util.concurrent.RejectedExecutionException} when
   * the embedder is saturated (the caller then treats the lookup as a miss).
   */
  CompletionStage<float[]> embed(String text);

  /** How long loading the model took, or null while it is not loaded (or nothing loads). */
  default Long loadMillis() {
    return null;
  }
}
