package ai.hyperion.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeminiErrorTranslatorTest {

  @Test
  void rejectedApiKeyIsTheOperatorsProblem() {
    ProviderException e = read(400, "error-400-api-key-invalid.json");

    assertEquals(502, e.status());
    assertEquals("upstream_auth_failed", e.code());
    assertFalse(e.retryable());
    assertTrue(e.getMessage().contains("API key not valid"));
  }

  @Test
  void unknownModelIsNotFound() {
    ProviderException e = read(404, "error-404-not-found.json");

    assertEquals(404, e.status());
    assertEquals("invalid_request_error", e.type());
    assertEquals("not_found", e.code());
    assertFalse(e.retryable());
  }

  @Test
  void exhaustedQuotaIsARetryableRateLimitWithItsDelay() {
    ProviderException e = read(429, "error-429-resource-exhausted.json");

    assertEquals(429, e.status());
    assertEquals("rate_limit_exceeded", e.type());
    assertEquals("resource_exhausted", e.code());
    assertTrue(e.retryable());
    assertEquals(
        "You exceeded your current quota, please check your plan. (retry after 34.4s)",
        e.getMessage());
  }

  @Test
  void overloadedModelIsRetryable503() {
    ProviderException e = read(503, "error-503-unavailable.json");

    assertEquals(503, e.status());
    assertEquals("unavailable", e.code());
    assertTrue(e.retryable());
  }

  @Test
  void invalidArgumentIsTheCallersBadRequest() {
    ProviderException e =
        GeminiErrorTranslator.read(
            "gemini",
            400,
            ("{\"error\": {\"code\": 400, \"message\": \"* BatchEmbedContentsRequest.requests: at"
                    + " most 100 requests can be in one batch\\n"
                    + "\", \"status\": \"INVALID_ARGUMENT\"}}")
                .getBytes(StandardCharsets.UTF_8));

    assertEquals(400, e.status());
    assertEquals("invalid_argument", e.code());
    assertFalse(e.retryable());
  }

  @Test
  void internalErrorIsRetryableBadGateway() {
    ProviderException e =
        GeminiErrorTranslator.read(
            "gemini",
            500,
            ("{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\""
                    + ":\"INTERNAL\"}}")
                .getBytes(StandardCharsets.UTF_8));

    assertEquals(502, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void arrayWrappedBodyAndNonJsonBodyAreRead() {
    byte[] wrapped =
        ("[" + Fixtures.text("gemini/error-400-api-key-invalid.json") + "]")
            .getBytes(StandardCharsets.UTF_8);
    assertEquals("upstream_auth_failed", GeminiErrorTranslator.read("gemini", 400, wrapped).code());

    ProviderException html =
        GeminiErrorTranslator.read(
            "gemini", 502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));
    assertEquals(502, html.status());
    assertTrue(html.retryable());
    assertEquals("Provider 'gemini' answered HTTP 502.", html.getMessage());
  }

  private static ProviderException read(int status, String fixture) {
    return GeminiErrorTranslator.read("gemini", status, Fixtures.bytes("gemini/" + fixture));
  }
}
