package ai.hyperion.api.anthropic;

import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.stream.StreamFormat;
import java.util.List;

/** Anthropic's Messages stream (message_start … message_stop), for Anthropic-format clients. */
public final class AnthropicStreamFormat implements StreamFormat {

  private final AnthropicEventWriter writer;

  public AnthropicStreamFormat(String servedModel) {
    this.writer = new AnthropicEventWriter(servedModel);
  }

  @Override
  public List<String> write(StreamEvent event) {
    return writer.write(event).stream().map(AnthropicSseEvent::toSse).toList();
  }

  @Override
  public String end() {
    return String.join("", writer.complete().stream().map(AnthropicSseEvent::toSse).toList());
  }

  @Override
  public String error(GatewayError error) {
    return AnthropicResponseWriter.errorEvent(error.status(), error.type(), error.message())
        .toSse();
  }
}
