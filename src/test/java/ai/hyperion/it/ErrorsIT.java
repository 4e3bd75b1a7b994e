package ai.hyperion.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gets an OpenAI-shaped error with the right status, never a 500. */
class ErrorsIT extends GatewayIT {

  private static void assertOpenAiError(
      HttpResponse<String> response, int status, String code, String param) throws Exception {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("content-type").orElse("").startsWith("application/json"),
        response.headers().toString());
    JsonNode error = json(response).path("error");
    assertTrue(
        error.path("message").isTextual() && !error.path("message").asText().isBlank(),
        response.body());
    assertTrue(error.has("type") && error.has("param") && error.has("code"), response.body());
    if (code != null) {
      assertEquals(code, error.path("code").asText(), response.body());
    }
    if (param != null) {
      assertEquals(param, error.path("param").asText(), response.body());
    }
    assertFalse(response.body().contains("at ai.hyperion"), "no stack trace");
    assertTrue(response.headers().firstValue("x-hyperion-request-id").isPresent());
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertOpenAiError(
        send(post("/v1/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": [")),
        400,
        "invalid_request",
        null);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|model",
        "{\"model\":\"gpt-4o\"}|messages",
        "{\"model\":42,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}|model",
        "{\"model\":\"gpt-4o\",\"messages\":\"hi\"}|messages",
        "{\"model\":\"gpt-4o\",\"messages\":[]}|messages",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}|messages[0].role",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":5}]}|messages[0].content",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":\"hot\"}|temperature",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}|stream",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":-3}|max_tokens",
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"hyperion\":{\"fallbacks\":\"x\"}}|hyperion.fallbacks",
      })
  void invalidFieldsAre400NamingTheField(String body, String param) throws Exception {
    assertOpenAiError(send(post("/v1/chat/completions", body)), 400, null, param);
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String big = "x".repeat(70_000);
    assertOpenAiError(
        send(post("/v1/chat/completions", chat("gpt-4o", big))), 413, "request_too_large", null);
  }

  @Test
  void unknownModelIs404() throws Exception {
    assertOpenAiError(
        send(post("/v1/chat/completions", chat("gpt-9-imaginary", "hi"))),
        404,
        "model_not_found",
        "model");
  }

  @Test
  void wrongKeyAndMissingKeyAre401() throws Exception {
    assertOpenAiError(
        send(
            post("/v1/chat/completions", chat("gpt-4o", "hi"))
                .setHeader("Authorization", "Bearer hk-wrong-key-123456")),
        401,
        "invalid_api_key",
        null);
    HttpResponse<String> missing =
        HTTP.send(
            HttpRequest.newBuilder(uri("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(chat("gpt-4o", "hi")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertOpenAiError(missing, 401, "missing_api_key", null);
  }

  @Test
  void upstreamRateLimitIs429WithTheUpstreamMessage() throws Exception {
    HttpResponse<String> response =
        send(post("/v1/chat/completions", chat("limited-a", "!429 plain")));
    assertOpenAiError(response, 429, "rate_limit_exceeded", null);
    assertTrue(json(response).at("/error/message").asText().startsWith("Rate limit reached"));
    assertEquals(
        "7",
        response.headers().firstValue("retry-after").orElseThrow(),
        "the upstream's Retry-After is passed on");
  }

  @Test
  void upstreamServerErrorIs502() throws Exception {
    assertOpenAiError(send(post("/v1/chat/completions", chat("gpt-4o", "!500"))), 502, null, null);
  }

  @Test
  void upstreamContextLengthErrorKeepsItsCodeAndStatus() throws Exception {
    assertOpenAiError(
        send(post("/v1/chat/completions", chat("gpt-4o", "!400"))),
        400,
        "context_length_exceeded",
        "messages");
  }

  @Test
  void providerWithoutItsKeySaysWhatToConfigure() throws Exception {
    HttpResponse<String> response = send(post("/v1/chat/completions", chat("needs-key", "hi")));
    assertOpenAiError(response, 503, "provider_not_configured", null);
    assertTrue(
        json(response).at("/error/message").asText().contains("environment variable"),
        response.body());
  }

  @Test
  void unreachableProviderIs502() throws Exception {
    assertOpenAiError(
        send(post("/v1/chat/completions", chat("dead-model", "hi"))),
        502,
        "upstream_unreachable",
        null);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<String> response =
        send(
            post("/v1/chat/completions", chat("gpt-4o", "hi"))
                .setHeader("Content-Type", "text/plain"));
    assertEquals(415, response.statusCode(), response.body());
    assertEquals("unsupported_media_type", json(response).at("/error/code").asText());
  }

  @Test
  void embeddingsValidateTheirInput() throws Exception {
    assertOpenAiError(
        send(post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\"}")), 400, null, "input");
    assertOpenAiError(
        send(post("/v1/embeddings", "{\"model\":\"gpt-4o\",\"input\":\"hi\"}")),
        400,
        "model_not_supported",
        "model");
  }
}
