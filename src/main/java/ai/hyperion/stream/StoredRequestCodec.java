package ai.hyperion.stream;

import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A {@link StoredRequest} as the bytes a store keeps: JSON, the answer in its lossless form. */
public final class StoredRequestCodec {

  private StoredRequestCodec() {}

  public static byte[] encode(StoredRequest r) {
    ObjectNode node =
        Json.object()
            .put("v", 1)
            .put("id", r.requestId())
            .put("org", r.orgId())
            .put("state", r.state().wire())
            .put("created", r.createdAt().toString())
            .put("completed", r.completedAt() == null ? null : r.completedAt().toString())
            .put("endpoint", r.endpoint())
            .put("model", r.model())
            .put("streamed", r.streamed())
            .put("disconnected", r.clientDisconnected())
            .put("status", r.status())
            .put("error_code", r.errorCode())
            .put("error_message", r.errorMessage());
    if (r.answer() != null) {
      node.set("answer", AnswerCodec.toJson(r.answer()));
    }
    return Json.bytes(node);
  }

  public static StoredRequest decode(byte[] bytes) {
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored request that is not JSON", e);
    }
    return new StoredRequest(
        n.path("id").asText(),
        n.path("org").asText(),
        RequestState.ofWire(n.path("state").asText()),
        Instant.parse(n.path("created").asText()),
        n.hasNonNull("completed") ? Instant.parse(n.get("completed").asText()) : null,
        text(n, "endpoint"),
        text(n, "model"),
        n.path("streamed").asBoolean(),
        n.path("disconnected").asBoolean(),
        n.path("status").asInt(),
        text(n, "error_code"),
        text(n, "error_message"),
        n.hasNonNull("answer") ? AnswerCodec.fromJson(n.get("answer")) : null);
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
