package ai.hyperion.provider;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An upstream LLM API, reached through one adapter. Optional capabilities are separate interfaces
 * ({@link EmbeddingProvider}) checked with {@code instanceof}.
 *
 * <p>The router chooses the key of each attempt from the provider's pool and hands it in; {@code
 * key} is null when the provider authenticates otherwise (AWS signatures, Google OAuth) or needs no
 * key.
 *
 * <p>Failures complete the stage exceptionally with a {@link ai.hyperion.error.ProviderException}.
 * {@link #stream} completes once the upstream accepted the request (HTTP headers received), so a
 * caller can still fall back before any byte reached the client; errors after that arrive through
 * the publisher.
 */
public interface Provider {

  /** The configured name of this provider instance ({@code openai}, {@code my-vllm}, ...). */
  String name();

  CompletionStage<ChatResponse> chat(ChatRequest request, Secret key);

  CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request, Secret key);

  /**
   * The parameter limits of this upstream. Adapters apply it themselves; the gateway applies it
   * first too, to tell the caller what changed.
   */
  default ParameterPolicy parameterPolicy() {
    return ParameterPolicy.NONE;
  }
}
