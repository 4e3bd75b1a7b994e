package ai.hyperion.pipeline;

import ai.hyperion.provider.EmbeddingRequest;

/** An embeddings request moving through the pipeline. */
public record EmbeddingCall(Exchange exchange, EmbeddingRequest request, RequestOptions options)
    implements GatewayCall {

  @Override
  public String requestedModel() {
    return request.model();
  }
}
