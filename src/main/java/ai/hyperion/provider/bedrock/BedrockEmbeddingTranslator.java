package ai.hyperion.provider.bedrock;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings through InvokeModel, whose body is the model family's own format. Titan Text
 * Embeddings take one text per call ({@code inputText} → {@code embedding}, {@code
 * inputTextTokenCount}); Cohere Embed takes up to 96 ({@code texts} → {@code embeddings}) and
 * reports no token count in the body. {@code encoding_format=base64} is produced here as OpenAI
 * does: little-endian float32, base64.
 */
final class BedrockEmbeddingTranslator {

  static final int COHERE_BATCH = 96;

  enum Family {
    TITAN,
    COHERE
  }

  private BedrockEmbeddingTranslator() {}

  static Family family(String modelId) {
    String id = modelId.toLowerCase(Locale.ROOT);
    if (id.contains("cohere.embed")) {
      return Family.COHERE;
    }
    if (id.contains("titan-embed")) {
      return Family.TITAN;
    }
    throw new InvalidRequestException(
        "model",
        "Bedrock embeddings support Amazon Titan Text Embeddings and Cohere Embed models; '"
            + modelId
            + "' is neither.");
  }

  static ObjectNode titanRequest(String text, Integer dimensions) {
    ObjectNode body = Json.object().put("inputText", text);
    if (dimensions != null) {
      body.put("dimensions", dimensions);
    }
    return body;
  }

  static ObjectNode cohereRequest(List<String> texts, String inputType, Integer dimensions) {
    ObjectNode body = Json.object();
    ArrayNode array = body.putArray("texts");
    texts.forEach(array::add);
    body.put("input_type", inputType);
    if (dimensions != null) {
      body.put("output_dimension", dimensions);
    }
    return body;
  }

  /** One Titan reply: the vector and its token count. */
  record Vector(JsonNode values, int tokens) {}

  static Vector readTitan(String provider, byte[] bytes) {
    JsonNode body =
        Json.tryParse(bytes)
            .orElseThrow(() -> ProviderException.malformed(provider, "the body is not JSON"));
    JsonNode embedding = body.get("embedding");
    if (embedding == null || !embedding.isArray()) {
      throw ProviderException.malformed(provider, "no 'embedding' array");
    }
    return new Vector(embedding, Json.integer(body, "inputTextTokenCount"));
  }

  /**
   * Cohere answers {@code embeddings: [[...]]}, or {@code embeddings: {float: [[...]]}} when typed.
   */
  static List<JsonNode> readCohere(String provider, byte[] bytes) {
    JsonNode body =
        Json.tryParse(bytes)
            .orElseThrow(() -> ProviderException.malformed(provider, "the body is not JSON"));
    JsonNode embeddings = body.get("embeddings");
    if (embeddings != null && embeddings.isObject()) {
      embeddings = embeddings.get("float");
    }
    if (embeddings == null || !embeddings.isArray()) {
      throw ProviderException.malformed(provider, "no 'embeddings' array");
    }
    List<JsonNode> vectors = new ArrayList<>(embeddings.size());
    embeddings.forEach(vectors::add);
    return vectors;
  }

  static EmbeddingResponse.Embedding embedding(int index, JsonNode vector, String encodingFormat) {
    if (!"base64".equals(encodingFormat)) {
      return new EmbeddingResponse.Embedding(index, vector);
    }
    ByteBuffer bytes = ByteBuffer.allocate(vector.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
    vector.forEach(v -> bytes.putFloat(v.floatValue()));
    return new EmbeddingResponse.Embedding(
        index, Json.NODES.textNode(Base64.getEncoder().encodeToString(bytes.array())));
  }
}
