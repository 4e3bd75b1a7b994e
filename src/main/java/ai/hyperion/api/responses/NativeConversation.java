package ai.hyperion.api.responses;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body a native Responses upstream gets for a follow-up: the gateway, not the upstream, holds
 * the previous response, so its conversation goes into {@code input} ahead of the new input and
 * {@code previous_response_id} is left out. Every other field stays as the client sent it.
 */
final class NativeConversation {

  private NativeConversation() {}

  static byte[] expand(ObjectNode body, ArrayNode history) {
    ObjectNode out = body.deepCopy();
    out.remove("previous_response_id");
    ArrayNode input = Json.MAPPER.createArrayNode();
    for (JsonNode item : history) {
      String type = item.path("type").asText();
      if (type.equals("reasoning")) {
        // Reasoning items refer to upstream state the gateway did not keep.
        continue;
      }
      ObjectNode copy = ((ObjectNode) item).deepCopy();
      if (type.equals("message") && !"assistant".equals(copy.path("role").asText())) {
        // Input messages carry no id on the wire; the gateway gave them one for listing.
        copy.remove("id");
        copy.remove("status");
      }
      input.add(copy);
    }
    JsonNode sent = body.get("input");
    if (sent != null && sent.isTextual()) {
      input.addObject().put("role", "user").put("content", sent.asText());
    } else if (sent != null && sent.isArray()) {
      input.addAll((ArrayNode) sent);
    }
    out.set("input", input);
    return Json.bytes(out);
  }
}
