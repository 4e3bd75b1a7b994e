package ai.hyperion.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Embedding vectors in input order. Each vector is kept as the upstream sent it: a JSON array of
 * floats, or a base64 string when {@code encoding_format=base64} was asked for.
 */
public record EmbeddingResponse(String model, List<Embedding> data, Usage usage) {

  public EmbeddingResponse {
    data = List.copyOf(data);
  }

  public record Embedding(int index, JsonNode vector) {}

  public EmbeddingResponse withModel(String servedModel) {
    return new EmbeddingResponse(servedModel, data, usage);
  }
}
