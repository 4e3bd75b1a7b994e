package ai.hyperion.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One conversation turn. {@code content} is null when the turn has none (an assistant turn with
 * only tool calls); {@code textOnly} records that the caller sent a plain string rather than parts.
 * {@code extras} holds fields we do not model (name, refusal, annotations, audio), passed through
 * to OpenAI-speaking upstreams and back to OpenAI clients.
 */
public record ChatMessage(
    Role role,
    List<ContentPart> content,
    boolean textOnly,
    List<ToolCall> toolCalls,
    String toolCallId,
    ObjectNode extras) {

  /**
   * The extra under which an assistant turn keeps Anthropic's thinking blocks (with their
   * signatures) so that a later turn can send them back unchanged.
   */
  public static final String THINKING_BLOCKS = "thinking_blocks";

  public ChatMessage {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public static ChatMessage text(Role role, String text) {
    return new ChatMessage(role, List.of(new ContentPart.Text(text)), true, List.of(), null, null);
  }

  /** The concatenated text parts, or null when there is no text. */
  public String text() {
    if (content == null) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    boolean any = false;
    for (ContentPart part : content) {
      if (part instanceof ContentPart.Text t) {
        out.append(t.text());
        any = true;
      }
    }
    return any ? out.toString() : null;
  }
}
