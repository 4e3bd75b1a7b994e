package ai.hyperion.provider;

import java.util.concurrent.CompletionStage;

/** A provider that also offers embeddings. */
public interface EmbeddingProvider extends Provider {

  CompletionStage<EmbeddingResponse> embed(EmbeddingRequest request, Secret key);
}
