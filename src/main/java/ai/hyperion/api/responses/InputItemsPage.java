package ai.hyperion.api.responses;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One page of a response's input items as OpenAI lists them: newest first unless {@code order=asc},
 * at most {@code limit} (default 20, at most 100), starting after the item {@code after}.
 */
final class InputItemsPage {

  private InputItemsPage() {}

  static ObjectNode of(JsonNode items, String order, Integer limit, String after) {
    if (order != null && !order.equals("asc") && !order.equals("desc")) {
      throw new InvalidRequestException("order", "'order' must be asc or desc.");
    }
    int size = limit == null ? 20 : limit;
    if (size < 1 || size > 100) {
      throw new InvalidRequestException("limit", "'limit' must be between 1 and 100.");
    }
    List<JsonNode> ordered = new ArrayList<>();
    items.forEach(ordered::add);
    if (!"asc".equals(order)) {
      Collections.reverse(ordered);
    }
    int start = 0;
    if (after != null) {
      start = -1;
      for (int i = 0; i < ordered.size(); i++) {
        if (after.equals(ordered.get(i).path("id").asText())) {
          start = i + 1;
        }
      }
      if (start < 0) {
        throw new InvalidRequestException("after", "No input item with id '" + after + "'.");
      }
    }
    int end = Math.min(ordered.size(), start + size);
    ObjectNode page = Json.object().put("object", "list");
    ArrayNode data = page.putArray("data");
    ordered.subList(start, end).forEach(data::add);
    page.set("first_id", data.isEmpty() ? null : data.get(0).get("id"));
    page.set("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id"));
    page.put("has_more", end < ordered.size());
    return page;
  }
}
