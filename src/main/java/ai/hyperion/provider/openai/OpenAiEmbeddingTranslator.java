package ai.hyperion.provider.openai;

import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** OpenAI embeddings request and response bodies ⇄ canonical model. */
final class OpenAiEmbeddingTranslator {

  private OpenAiEmbeddingTranslator() {}

  public static ObjectNode writeRequest(EmbeddingRequest request) {
    ObjectNode body = Json.object();
    body.put("model", request.model());
    ArrayNode input = body.putArray("input");
    request.input().forEach(input::add);
    if (request.encodingFormat() != null) {
      body.put("encoding_format", request.encodingFormat());
    }
    if (request.dimensions() != null) {
      body.put("dimensions", request.dimensions());
    }
    if (request.extras() != null) {
      body.setAll(request.extras());
    }
    return body;
  }

  public static EmbeddingResponse readResponse(JsonNode body) {
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    for (JsonNode item : body.path("data")) {
      data.add(new EmbeddingResponse.Embedding(item.path("index").asInt(), item.get("embedding")));
    }
    JsonNode usage = body.path("usage");
    return new EmbeddingResponse(
        Json.text(body, "model"), data, new Usage(Json.integer(usage, "prompt_tokens"), 0));
  }
}
