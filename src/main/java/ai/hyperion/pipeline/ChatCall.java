package ai.hyperion.pipeline;

import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ResponsesBody;
import java.util.Optional;

/**
 * A chat completion moving through the pipeline. {@code pinnedUpstream} is null for the shared path
 * (routing chooses the model) and names the one upstream to use otherwise (a dedicated endpoint),
 * see {@link #pinned()}. {@code responsesBody} is the client's Responses API body when it came in
 * on {@code /v1/responses}: an upstream that serves that API natively gets it as sent, any other
 * gets {@code request}.
 */
public record ChatCall(
    Exchange exchange,
    ChatRequest request,
    RequestOptions options,
    PinnedUpstream pinnedUpstream,
    ResponsesBody responsesBody)
    implements GatewayCall<ChatResult> {

  /** A call on the shared path. */
  public ChatCall(Exchange exchange, ChatRequest request, RequestOptions options) {
    this(exchange, request, options, null, null);
  }

  /** The same call served by {@code upstream}, asking it for its model. */
  public ChatCall pinnedTo(PinnedUpstream upstream) {
    return new ChatCall(
        exchange, request.withModel(upstream.model()), options, upstream, responsesBody);
  }

  /** The same call carrying the client's Responses API body for native upstreams. */
  public ChatCall withResponsesBody(ResponsesBody body) {
    return new ChatCall(exchange, request, options, pinnedUpstream, body);
  }

  @Override
  public String requestedModel() {
    return request.model();
  }

  @Override
  public String capability() {
    return request.stream() ? "stream" : "chat";
  }

  @Override
  public Optional<PinnedUpstream> pinned() {
    return Optional.ofNullable(pinnedUpstream);
  }
}
