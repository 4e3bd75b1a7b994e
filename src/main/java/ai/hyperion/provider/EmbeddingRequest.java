package ai.hyperion.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Texts to embed. {@code encodingFormat} is {@code float} or {@code base64}; {@code extras} keeps
 * fields we do not interpret (user, ...) for OpenAI-speaking upstreams.
 */
public record EmbeddingRequest(
    String model,
    List<String> input,
    String encodingFormat,
    Integer dimensions,
    ObjectNode extras) {

  public EmbeddingRequest {
    input = List.copyOf(input);
  }

  public EmbeddingRequest withModel(String upstreamModel) {
    return new EmbeddingRequest(upstreamModel, input, encodingFormat, dimensions, extras);
  }
}
