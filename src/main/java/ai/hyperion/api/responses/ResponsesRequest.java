package ai.hyperion.api.responses;

import ai.hyperion.provider.ChatRequest;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Responses API request as read: the canonical chat request it becomes (the conversation of a
 * previous response included), this request's input as items (stored, listed by input_items),
 * OpenAI's hosted tools it names, and the settings a response object echoes back.
 */
record ResponsesRequest(
    ChatRequest chat,
    ArrayNode inputItems,
    List<String> builtInTools,
    boolean store,
    String previousResponseId,
    ObjectNode echo) {

  ResponsesRequest {
    builtInTools = List.copyOf(builtInTools);
  }
}
