package ai.hyperion.provider.gcp;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.BoundedBody;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Redaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Trades a signed JWT for an access token at Google's OAuth token endpoint, without blocking. The
 * endpoint wants a form body, which {@link ai.hyperion.provider.UpstreamClient} (JSON only) does
 * not send, so this class makes the one call itself and maps failures the same way.
 */
final class TokenEndpoint {

  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /** An access token and the number of seconds it stays valid. */
  record Grant(String accessToken, long expiresInSeconds) {}

  /** The token answer is small; its body and the wait for it are bounded like any upstream's. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String provider;
  private final HttpClient http;
  private final Duration timeout;

  TokenEndpoint(String provider, HttpClient http, Duration timeout) {
    this.provider = provider;
    this.http = http;
    this.timeout = timeout;
  }

  CompletionStage<Grant> exchange(URI tokenUri, String assertion) {
    String form =
        "grant_type="
            + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
            + "&assertion="
            + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(tokenUri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    Duration limit = timeout == null ? DEFAULT_TIMEOUT : timeout;
    request.timeout(limit);
    long deadline = System.nanoTime() + limit.toNanos();
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofPublisher())
        .exceptionally(
            failure -> {
              throw transportFailure(failure);
            })
        .thenCompose(
            response ->
                BoundedBody.collect(
                        provider, response.body(), MAX_BODY_BYTES, true, limit, deadline)
                    .exceptionally(
                        failure -> {
                          throw transportFailure(failure);
                        })
                    .thenApply(
                        body -> {
                          if (response.statusCode() / 100 != 2) {
                            throw refused(response.statusCode(), body);
                          }
                          return readGrant(body);
                        }));
  }

  private Grant readGrant(byte[] body) {
    JsonNode json = Json.tryParse(body).orElse(Json.object());
    String token = Json.text(json, "access_token");
    if (token == null || token.isBlank()) {
      throw failure(502, "the token endpoint answered without an access_token", true);
    }
    long expiresIn = json.path("expires_in").asLong(3600);
    return new Grant(token, expiresIn);
  }

  /** Google answers {"error":"invalid_grant","error_description":"..."}; neither holds a secret. */
  private ProviderException refused(int status, byte[] body) {
    JsonNode json = Json.tryParse(body).orElse(Json.object());
    String error = Json.text(json, "error");
    String description = Json.text(json, "error_description");
    String detail =
        "HTTP "
            + status
            + (error == null ? "" : " " + error)
            + (description == null ? "" : " (" + description + ")");
    return failure(502, Redaction.redact(detail), ProviderException.retryableStatus(status));
  }

  private ProviderException transportFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof ProviderException p) {
      return p;
    }
    if (cause instanceof HttpTimeoutException) {
      return failure(504, "the token endpoint did not answer in time", true);
    }
    if (cause instanceof IOException) {
      return failure(
          502,
          "the token endpoint could not be reached (" + cause.getClass().getSimpleName() + ")",
          true);
    }
    return failure(502, cause.getClass().getSimpleName(), true);
  }

  private ProviderException failure(int status, String detail, boolean retryable) {
    return new ProviderException(
        status,
        "upstream_error",
        "upstream_auth_failed",
        null,
        "Provider '" + provider + "' could not get a Google access token: " + detail,
        retryable);
  }
}
