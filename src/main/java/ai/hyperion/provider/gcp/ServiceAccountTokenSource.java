package ai.hyperion.provider.gcp;

import ai.hyperion.provider.AccessTokenSource;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Access tokens for a Google service account: signs an RS256 JWT with the key (JDK only), trades it
 * at the key's {@code token_uri} and caches the token until {@link #REFRESH_MARGIN} before it
 * expires. Concurrent callers during a refresh share the one exchange in flight.
 *
 * <p>Configured from a provider's {@code options}: {@code credentials-file} (path to the JSON key)
 * or {@code credentials} (the key inline, as a JSON object or string); when neither is set, the
 * file named by {@code GOOGLE_APPLICATION_CREDENTIALS}. {@code token-uri} overrides the key's
 * {@code token_uri} (tests point it at a fake).
 *
 * <p>Thread-safety: {@code current} holds the latest token future; it is replaced by CAS only.
 */
public final class ServiceAccountTokenSource implements AccessTokenSource {

  public static final String CLOUD_PLATFORM_SCOPE =
      "https://www.googleapis.com/auth/cloud-platform";
  static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

  private record Token(String value, Instant expiresAt) {}

  private final ServiceAccountKey key;
  private final URI tokenUri;
  private final String scope;
  private final TokenEndpoint endpoint;
  private final Clock clock;
  private final AtomicReference<CompletableFuture<Token>> current = new AtomicReference<>();

  ServiceAccountTokenSource(
      ServiceAccountKey key, URI tokenUri, String scope, TokenEndpoint endpoint, Clock clock) {
    this.key = key;
    this.tokenUri = tokenUri;
    this.scope = scope;
    this.endpoint = endpoint;
    this.clock = clock;
  }

  /** Builds the source from a provider's options; fails at start-up when the key is unusable. */
  public static ServiceAccountTokenSource fromSettings(ProviderSettings settings, HttpClient http) {
    return fromSettings(settings, http, Clock.systemUTC());
  }

  static ServiceAccountTokenSource fromSettings(
      ProviderSettings settings, HttpClient http, Clock clock) {
    ObjectNode options = settings.options() == null ? Json.object() : settings.options();
    ServiceAccountKey key = ServiceAccountKey.parse(readKey(settings.name(), options));
    String override = Json.text(options, "token-uri");
    URI tokenUri = override == null ? key.tokenUri() : URI.create(override);
    return new ServiceAccountTokenSource(
        key,
        tokenUri,
        CLOUD_PLATFORM_SCOPE,
        new TokenEndpoint(settings.name(), http, settings.requestTimeout()),
        clock);
  }

  @Override
  public CompletionStage<String> get() {
    while (true) {
      CompletableFuture<Token> known = current.get();
      if (known != null && (!known.isDone() || usable(known))) {
        return known.thenApply(Token::value);
      }
      CompletableFuture<Token> refresh = new CompletableFuture<>();
      if (current.compareAndSet(known, refresh)) {
        fetch()
            .whenComplete(
                (token, failure) -> {
                  if (failure != null) {
                    refresh.completeExceptionally(failure);
                  } else {
                    refresh.complete(token);
                  }
                });
        return refresh.thenApply(Token::value);
      }
    }
  }

  private boolean usable(CompletableFuture<Token> done) {
    if (done.isCompletedExceptionally()) {
      return false;
    }
    return clock.instant().isBefore(done.join().expiresAt().minus(REFRESH_MARGIN));
  }

  private CompletionStage<Token> fetch() {
    Instant now = clock.instant();
    String assertion;
    try {
      assertion = JwtBearerAssertion.sign(key, scope, tokenUri.toString(), now);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return endpoint
        .exchange(tokenUri, assertion)
        .thenApply(
            grant -> new Token(grant.accessToken(), now.plusSeconds(grant.expiresInSeconds())));
  }

  private static JsonNode readKey(String provider, ObjectNode options) {
    JsonNode inline = options.get("credentials");
    if (inline != null && !inline.isNull()) {
      if (inline.isObject()) {
        return inline;
      }
      return Json.tryParse(inline.asText().getBytes(StandardCharsets.UTF_8))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "Provider '" + provider + "': options.credentials is not a JSON key."));
    }
    String file = Json.text(options, "credentials-file");
    if (file == null) {
      file = System.getenv("GOOGLE_APPLICATION_CREDENTIALS");
    }
    if (file == null) {
      throw new IllegalArgumentException(
          "Provider '"
              + provider
              + "' needs options.credentials-file or options.credentials (a service-account key).");
    }
    try {
      return Json.tryParse(Files.readAllBytes(Path.of(file)))
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "Provider '" + provider + "': the credentials file is not JSON."));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Provider '" + provider + "': cannot read the credentials file " + file, e);
    }
  }
}
