package ai.hyperion.provider.gemini;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Embeddings on both platforms: the Gemini API's {@code batchEmbedContents} ({@code
 * requests[].content.parts[].text} → {@code embeddings[].values}) and Vertex AI's {@code predict}
 * ({@code instances[].content} → {@code predictions[].embeddings.values}). An optional {@code
 * task_type} extra is passed on. Vectors come back as float arrays, or as base64 little-endian
 * float32 (OpenAI's layout) when the caller asked for base64.
 */
final class GeminiEmbeddingTranslator {

  private GeminiEmbeddingTranslator() {}

  static ObjectNode writeBatch(EmbeddingRequest request) {
    String model = "models/" + GeminiConfig.modelPath(request.model());
    String taskType = taskType(request);
    ObjectNode body = Json.object();
    var requests = body.putArray("requests");
    for (String text : request.input()) {
      ObjectNode item = requests.addObject().put("model", model);
      item.putObject("content").putArray("parts").addObject().put("text", text);
      if (taskType != null) {
        item.put("taskType", taskType);
      }
      if (request.dimensions() != null) {
        item.put("outputDimensionality", request.dimensions());
      }
    }
    return body;
  }

  static ObjectNode writePredict(EmbeddingRequest request) {
    String taskType = taskType(request);
    ObjectNode body = Json.object();
    var instances = body.putArray("instances");
    for (String text : request.input()) {
      ObjectNode instance = instances.addObject().put("content", text);
      if (taskType != null) {
        instance.put("task_type", taskType);
      }
    }
    if (request.dimensions() != null) {
      body.putObject("parameters").put("outputDimensionality", request.dimensions());
    }
    return body;
  }

  /** Gemini API answer; newer models add {@code usageMetadata.promptTokenCount}. */
  static EmbeddingResponse readBatch(JsonNode body, EmbeddingRequest request, String provider) {
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    int index = 0;
    for (JsonNode embedding : body.path("embeddings")) {
      data.add(
          new EmbeddingResponse.Embedding(
              index++, vector(embedding.get("values"), request, provider)));
    }
    checkCount(data, request, provider);
    int tokens = Json.integer(body.path("usageMetadata"), "promptTokenCount");
    return new EmbeddingResponse(request.model(), data, new Usage(tokens, 0));
  }

  /** Vertex answer; each prediction counts its own tokens. */
  static EmbeddingResponse readPredict(JsonNode body, EmbeddingRequest request, String provider) {
    List<EmbeddingResponse.Embedding> data = new ArrayList<>();
    int tokens = 0;
    int index = 0;
    for (JsonNode prediction : body.path("predictions")) {
      JsonNode embeddings = prediction.path("embeddings");
      data.add(
          new EmbeddingResponse.Embedding(
              index++, vector(embeddings.get("values"), request, provider)));
      tokens += Json.integer(embeddings.path("statistics"), "token_count");
    }
    checkCount(data, request, provider);
    return new EmbeddingResponse(request.model(), data, new Usage(tokens, 0));
  }

  private static JsonNode vector(JsonNode values, EmbeddingRequest request, String provider) {
    if (values == null || !values.isArray()) {
      throw ProviderException.malformed(provider, "an embedding without 'values'");
    }
    if (!"base64".equals(request.encodingFormat())) {
      return values;
    }
    ByteBuffer bytes =
        ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    values.forEach(value -> bytes.putFloat(value.floatValue()));
    return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes.array()));
  }

  private static void checkCount(
      List<EmbeddingResponse.Embedding> data, EmbeddingRequest request, String provider) {
    if (data.size() != request.input().size()) {
      throw ProviderException.malformed(
          provider, data.size() + " embeddings for " + request.input().size() + " inputs");
    }
  }

  private static String taskType(EmbeddingRequest request) {
    if (request.extras() == null) {
      return null;
    }
    String taskType = Json.text(request.extras(), "task_type");
    return taskType == null ? Json.text(request.extras(), "taskType") : taskType;
  }
}
