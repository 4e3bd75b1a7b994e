package ai.hyperion.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.AccessTokenSource;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.testing.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAccountTokenSourceTest {

  private static final TestServiceAccount account = new TestServiceAccount();
  private final HttpClient http = HttpClient.newHttpClient();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private FakeTokenEndpoint endpoint;

  @BeforeEach
  void start() throws Exception {
    endpoint = new FakeTokenEndpoint(account.publicKey());
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void tradesASignedAssertionForAnAccessToken() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson(endpoint.uri())));

    assertEquals("ya29.test-1", token(tokens));
    assertNull(endpoint.lastRejection());
    assertEquals(TestServiceAccount.EMAIL, endpoint.lastClaims().get("iss").asText());
    assertEquals(
        ServiceAccountTokenSource.CLOUD_PLATFORM_SCOPE,
        endpoint.lastClaims().get("scope").asText());
    assertEquals(endpoint.uri(), endpoint.lastClaims().get("aud").asText());
    assertEquals(clock.instant().getEpochSecond(), endpoint.lastClaims().get("iat").asLong());
    assertEquals(
        clock.instant().getEpochSecond() + 3600, endpoint.lastClaims().get("exp").asLong());
  }

  @Test
  void cachedTokenIsReusedUntilAMinuteBeforeItExpires() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson(endpoint.uri())));

    assertEquals("ya29.test-1", token(tokens));
    clock.advance(Duration.ofSeconds(3539));
    assertEquals("ya29.test-1", token(tokens));
    assertEquals(1, endpoint.exchanges());

    clock.advance(Duration.ofSeconds(2));
    assertEquals("ya29.test-2", token(tokens));
    assertEquals(2, endpoint.exchanges());
  }

  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson(endpoint.uri())));
    CountDownLatch release = endpoint.hold();

    // Every caller asks while the one exchange is held open, so each must join it: a source that
    // started its own exchange per caller would make the endpoint count 20.
    CountDownLatch asked = new CountDownLatch(20);
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      waiting.add(
          CompletableFuture.supplyAsync(
                  () -> {
                    CompletionStage<String> stage = tokens.get();
                    asked.countDown();
                    return stage;
                  })
              .thenCompose(stage -> stage));
    }
    assertTrue(asked.await(30, TimeUnit.SECONDS), "every caller asked");
    assertFalse(waiting.stream().anyMatch(CompletableFuture::isDone), "all wait for one refresh");
    release.countDown();

    for (CompletableFuture<String> token : waiting) {
      assertEquals("ya29.test-1", token.get(10, TimeUnit.SECONDS));
    }
    assertEquals(1, endpoint.exchanges());
  }

  @Test
  void refusedExchangeIsATypedErrorAndTheNextCallTriesAgain() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson(endpoint.uri())));
    endpoint.refuseWith(400);

    ProviderException refused = failure(tokens);

    assertEquals(502, refused.status());
    assertEquals("upstream_auth_failed", refused.code());
    assertFalse(refused.retryable());
    assertTrue(refused.getMessage().contains("invalid_grant"), refused.getMessage());
    assertFalse(refused.getMessage().contains("PRIVATE KEY"));

    endpoint.refuseWith(0);
    assertEquals("ya29.test-1", token(tokens));
  }

  @Test
  void failingTokenEndpointIsRetryable() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson(endpoint.uri())));
    endpoint.refuseWith(503);

    assertTrue(failure(tokens).retryable());
  }

  @Test
  void unreachableTokenEndpointIsRetryable() throws Exception {
    ServiceAccountTokenSource tokens = source(inline(account.keyJson("http://127.0.0.1:1/token")));

    ProviderException e = failure(tokens);

    assertEquals(502, e.status());
    assertTrue(e.retryable());
  }

  @Test
  void keyIsReadFromACredentialsFileAndTokenUriCanBeOverridden(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sa.json");
    Files.write(file, Json.bytes(account.keyJson("http://127.0.0.1:1/never")));
    ObjectNode options =
        Json.object().put("credentials-file", file.toString()).put("token-uri", endpoint.uri());

    assertEquals("ya29.test-1", token(source(options)));
  }

  @Test
  void inlineKeyMayBeAJsonString() throws Exception {
    ObjectNode options =
        Json.object().put("credentials", Json.string(account.keyJson(endpoint.uri())));

    assertEquals("ya29.test-1", token(source(options)));
  }

  @Test
  void unusableKeysFailAtStartUpWithoutQuotingTheKey() {
    if (System.getenv("GOOGLE_APPLICATION_CREDENTIALS") == null) {
      // Without the variable no key can be found; with it the source would read that file.
      assertThrows(IllegalArgumentException.class, () -> source(Json.object()));
    }

    ObjectNode broken =
        account
            .keyJson(endpoint.uri())
            .put("private_key", "-----BEGIN PRIVATE KEY-----\nnot-a-key\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> source(inline(broken)));
    assertFalse(e.getMessage().contains("not-a-key"));

    ObjectNode user = account.keyJson(endpoint.uri()).put("type", "authorized_user");
    assertThrows(IllegalArgumentException.class, () -> source(inline(user)));
  }

  private ServiceAccountTokenSource source(ObjectNode options) {
    ProviderSettings settings =
        new ProviderSettings(
            "vertex",
            "gemini",
            null,
            List.of(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Map.of(),
            options);
    return ServiceAccountTokenSource.fromSettings(settings, http, clock);
  }

  private static ObjectNode inline(ObjectNode key) {
    ObjectNode options = Json.object();
    options.set("credentials", key);
    return options;
  }

  private static String token(AccessTokenSource tokens) throws Exception {
    return tokens.get().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static ProviderException failure(AccessTokenSource tokens) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class, () -> token(tokens));
    return assertInstanceOf(ProviderException.class, e.getCause());
  }
}
