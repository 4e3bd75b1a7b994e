package ai.hyperion.pipeline;

import ai.hyperion.provider.ChatRequest;
import java.util.Optional;

/**
 * A chat completion moving through the pipeline. {@code pinnedUpstream} is null for the shared path
 * (routing chooses the model) and names the one upstream to use otherwise (a dedicated endpoint),
 * see {@link #pinned()}.
 */
public record ChatCall(
    Exchange exchange, ChatRequest request, RequestOptions options, PinnedUpstream pinnedUpstream)
    implements GatewayCall<ChatResult> {

  /** A call on the shared path. */
  public ChatCall(Exchange exchange, ChatRequest request, RequestOptions options) {
    this(exchange, request, options, null);
  }

  /** The same call served by {@code upstream}, asking it for its model. */
  public ChatCall pinnedTo(PinnedUpstream upstream) {
    return new ChatCall(exchange, request.withModel(upstream.model()), options, upstream);
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
