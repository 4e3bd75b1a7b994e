package ai.hyperion.pipeline;

import ai.hyperion.provider.ChatRequest;

/** A chat completion moving through the pipeline. */
public record ChatCall(Exchange exchange, ChatRequest request, RequestOptions options)
    implements GatewayCall<ChatResult> {

  @Override
  public String requestedModel() {
    return request.model();
  }

  @Override
  public String capability() {
    return request.stream() ? "stream" : "chat";
  }
}
