package ai.hyperion.pipeline;

import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;

/** An embeddings request moving through the pipeline. */
public record EmbeddingCall(Exchange exchange, EmbeddingRequest request, RequestOptions options)
    implements GatewayCall<EmbeddingResponse> {

  @Override
  public String requestedModel() {
    return request.model();
  }

  @Override
  public String capability() {
    return "embeddings";
  }
}
