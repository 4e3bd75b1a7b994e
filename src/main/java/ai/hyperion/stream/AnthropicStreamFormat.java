package ai.hyperion.stream;

import ai.hyperion.api.OpenAiError;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.anthropic.AnthropicEventWriter;
import ai.hyperion.provider.anthropic.AnthropicIngressCodec;
import ai.hyperion.provider.anthropic.AnthropicSseEvent;
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
  public String error(Throwable failure) {
    OpenAiError error = OpenAiError.from(failure);
    return AnthropicIngressCodec.errorEvent(error.status(), error.type(), error.message()).toSse();
  }
}
