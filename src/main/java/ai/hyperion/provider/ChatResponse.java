package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A complete (non-streamed) answer in canonical form. */
public record ChatResponse(
    String id, long created, String model, List<Choice> choices, Usage usage, ObjectNode extras) {

  public ChatResponse {
    choices = List.copyOf(choices);
  }

  /** One candidate answer; {@code logprobs} is passed through when the upstream sent it. */
  public record Choice(
      int index, ChatMessage message, FinishReason finishReason, JsonNode logprobs) {}

  public ChatResponse withModel(String servedModel) {
    return new ChatResponse(id, created, servedModel, choices, usage, extras);
  }
}
