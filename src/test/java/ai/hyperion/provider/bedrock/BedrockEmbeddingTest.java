package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.InvalidRequestException;
import ai.hyperion.provider.EmbeddingRequest;
import ai.hyperion.provider.EmbeddingResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.KeyedProvider;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embeddings through InvokeModel, with reply shapes from the Bedrock model-parameter docs. */
class BedrockEmbeddingTest {

  private FakeBedrock upstream;
  private KeyedProvider provider;

  @BeforeEach
  void start() throws Exception {
    upstream = new FakeBedrock();
    ProviderSettings settings =
        new ProviderSettings(
            "bedrock",
            "bedrock",
            upstream.baseUrl(),
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            Json.object()
                .put("region", "us-east-1")
                .put("access-key-id", "AKIDEXAMPLE")
                .put("secret-access-key", "secret"));
    provider =
        KeyedProvider.of(
            new BedrockProvider(
                settings, HttpClient.newHttpClient(), name -> null, Clock.systemUTC()),
            settings);
  }

  @AfterEach
  void stop() {
    upstream.close();
  }

  @Test
  void titanEmbedsEachInputAndAddsUpTokens() throws Exception {
    upstream.answer(
        (exchange, request) -> {
          String text = Json.tryParse(request.body()).orElseThrow().path("inputText").asText();
          byte[] reply =
              ("{\"embedding\":["
                      + text.length()
                      + ".0,0.5],\"inputTextTokenCount\":"
                      + text.length()
                      + ",\"embeddingsByType\":{\"float\":["
                      + text.length()
                      + ".0,0.5]}}")
                  .getBytes(StandardCharsets.UTF_8);
          FakeBedrock.json(200, reply, null).write(exchange, request);
        });
    List<String> inputs = List.of("a", "bb", "ccc", "dddd", "eeeee", "ffffff");

    EmbeddingResponse response =
        provider
            .embed(new EmbeddingRequest("amazon.titan-embed-text-v2:0", inputs, "float", 256, null))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(6, response.data().size());
    for (int i = 0; i < inputs.size(); i++) {
      assertEquals(i, response.data().get(i).index());
      assertEquals(inputs.get(i).length(), response.data().get(i).vector().get(0).asInt());
    }
    assertEquals(new Usage(21, 0), response.usage());
    assertEquals(6, upstream.received.size());
    FakeBedrock.Received first = upstream.received.get(0);
    assertEquals("/model/amazon.titan-embed-text-v2%3A0/invoke", first.rawPath());
    assertEquals(256, Json.tryParse(first.body()).orElseThrow().path("dimensions").asInt());
    assertTrue(first.header("Authorization").contains("/us-east-1/bedrock/aws4_request"));
  }

  @Test
  void cohereEmbedsInOneCallAndBase64IsLittleEndianFloat32() throws Exception {
    upstream.answer(
        FakeBedrock.json(
            200,
            "{\"embeddings\":[[0.25,-1.5],[2.0,0.125]],\"id\":\"emb-1\","
                + "\"response_type\":\"embeddings_floats\",\"texts\":[\"hello\",\"world\"]}"));

    EmbeddingResponse response =
        provider
            .embed(
                new EmbeddingRequest(
                    "cohere.embed-english-v3", List.of("hello", "world"), "base64", null, null))
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    JsonNode sent = Json.tryParse(upstream.received.get(0).body()).orElseThrow();
    assertEquals(
        Json.parse("{\"texts\":[\"hello\",\"world\"],\"input_type\":\"search_document\"}"), sent);
    ByteBuffer first =
        ByteBuffer.wrap(Base64.getDecoder().decode(response.data().get(0).vector().asText()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0.25f, first.getFloat());
    assertEquals(-1.5f, first.getFloat());
    assertEquals(1, response.data().get(1).index());
  }

  @Test
  void otherModelFamiliesAreRejected() {
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                provider
                    .embed(
                        new EmbeddingRequest(
                            "anthropic.claude-3-5-sonnet-20240620-v1:0",
                            List.of("x"),
                            "float",
                            null,
                            null))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
    assertEquals("model", assertInstanceOf(InvalidRequestException.class, e.getCause()).param());
  }
}
