package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.testing.FakeProviders;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddingsAndModelsIT extends GatewayIT {

  @Test
  void embeddingsComeBackInInputOrderWithUsage() throws Exception {
    HttpResponse<String> response =
        send(
            post(
                "/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"embed-a\",\"embed-b\"],\"enc"
                    + "oding_format\":\"float\",\"user\":\"u1\"}"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json(response);
    JsonNode recorded = JSON.readTree(Fixtures.text("openai/embeddings.json"));
    assertEquals("list", body.path("object").asText());
    assertEquals(2, body.path("data").size());
    assertEquals(recorded.at("/data/1/embedding"), body.at("/data/1/embedding"));
    assertEquals(1, body.at("/data/1/index").asInt());
    assertEquals(
        recorded.at("/usage/prompt_tokens").asInt(), body.at("/usage/prompt_tokens").asInt());
    assertEquals(
        "text-embedding-3-small", response.headers().firstValue("x-hyperion-model").orElseThrow());
    FakeProviders.Seen seen = upstream.lastRequestContaining("embed-a");
    assertEquals("u1", seen.body().path("user").asText());
  }

  @Test
  void modelListIncludesAliasesInOpenAiShape() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/models"))
                .header("Authorization", "Bearer " + KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = json(response);
    assertEquals("list", body.path("object").asText());
    Set<String> ids = new HashSet<>();
    for (JsonNode model : body.path("data")) {
      assertEquals("model", model.path("object").asText());
      ids.add(model.path("id").asText());
    }
    assertTrue(
        ids.containsAll(Set.of("gpt-4o", "gpt-4o-latest", "gpt-4o-mini", "text-embedding-3-small")),
        ids.toString());

    HttpResponse<String> one =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/models/gpt-4o-latest"))
                .header("Authorization", "Bearer " + KEY)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, one.statusCode(), one.body());
    assertEquals("gpt-4o", json(one).path("alias_of").asText());
  }
}
