package ai.hyperion.api.anthropic;

/**
 * One server-sent event for an Anthropic-format client: {@code event} is the Anthropic event type
 * ({@code message_start}, {@code content_block_delta}, ...) and {@code data} its JSON, on one line.
 */
public record AnthropicSseEvent(String event, String data) {

  /** The event as it goes on the wire: {@code event: X\ndata: {...}\n\n}. */
  public String toSse() {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }
}
