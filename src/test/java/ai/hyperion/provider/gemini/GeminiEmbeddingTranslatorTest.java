package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiEmbeddingTranslatorTest {

  private static final EmbeddingRequest TWO_TEXTS =
      new EmbeddingRequest(
          "text-embedding-004",
          List.of("sunny day at the beach", "rainy day in the city"),
          null,
          null,
          null);

  @Test
  void batchRequestHasOneEntryPerText() throws Exception {
    EmbeddingRequest request =
        new EmbeddingRequest(
            "models/gemini-embedding-001",
            List.of("a", "b"),
            null,
            256,
            Json.object().put("task_type", "RETRIEVAL_QUERY"));

    assertEquals(
        Json.parse(
            """
            {"requests": [
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "a"}]},
               "taskType": "RETRIEVAL_QUERY", "outputDimensionality": 256},
              {"model": "models/gemini-embedding-001", "content": {"parts": [{"text": "b"}]},
               "taskType": "RETRIEVAL_QUERY", "outputDimensionality": 256}]}\
            """),
        GeminiEmbeddingTranslator.writeBatch(request));
  }

  @Test
  void predictRequestUsesVertexInstances() throws Exception {
    EmbeddingRequest request =
        new EmbeddingRequest("text-embedding-005", List.of("a"), null, 64, null);

    assertEquals(
        Json.parse(
            "{\"instances\": [{\"content\": \"a\"}], \"parameters\": {\"outputDimensionality\":"
                + " 64}}"),
        GeminiEmbeddingTranslator.writePredict(request));
  }

  @Test
  void batchAnswerIsReadInOrderWithItsTokenCount() {
    EmbeddingResponse response =
        GeminiEmbeddingTranslator.readBatch(
            Fixtures.json("gemini/batch-embed-contents.json"), TWO_TEXTS, "gemini");

    assertEquals(2, response.data().size());
    assertEquals(1, response.data().get(1).index());
    assertEquals(-0.5045317, response.data().get(1).vector().get(0).asDouble());
    assertEquals(12, response.usage().promptTokens());
  }

  @Test
  void vertexPredictionsAreReadWithSummedTokenCounts() {
    EmbeddingResponse response =
        GeminiEmbeddingTranslator.readPredict(
            Fixtures.json("gemini/vertex-embedding.json"), TWO_TEXTS, "vertex");

    assertEquals(5, response.data().get(0).vector().size());
    assertEquals(-0.06007182598114014, response.data().get(1).vector().get(0).asDouble());
    assertEquals(11, response.usage().promptTokens());
    assertEquals("text-embedding-004", response.model());
  }

  @Test
  void base64IsLittleEndianFloat32LikeOpenAi() {
    EmbeddingRequest base64 =
        new EmbeddingRequest("text-embedding-004", TWO_TEXTS.input(), "base64", null, null);
    JsonNode values =
        Fixtures.json("gemini/vertex-embedding.json").at("/predictions/0/embeddings/values");

    EmbeddingResponse response =
        GeminiEmbeddingTranslator.readPredict(
            Fixtures.json("gemini/vertex-embedding.json"), base64, "vertex");

    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(response.data().get(0).vector().asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(values.size() * 4, bytes.remaining());
    for (JsonNode value : values) {
      assertEquals(value.floatValue(), bytes.getFloat());
    }
  }

  @Test
  void fewerVectorsThanInputsIsAMalformedAnswer() {
    EmbeddingRequest three =
        new EmbeddingRequest("text-embedding-004", List.of("a", "b", "c"), null, null, null);

    assertThrows(
        ProviderException.class,
        () ->
            GeminiEmbeddingTranslator.readPredict(
                Fixtures.json("gemini/vertex-embedding.json"), three, "vertex"));
  }
}
