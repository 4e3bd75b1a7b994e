package ai.hyperion.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import ai.hyperion.testing.Fixtures;
import ai.hyperion.testing.KeyedProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BedrockConfigTest {

  private static ProviderSettings settings(String baseUrl, List<Secret> keys, ObjectNode options) {
    return new ProviderSettings(
        "aws",
        "bedrock",
        baseUrl,
        keys,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Map.of(),
        options);
  }

  @Test
  void defaultsTheEndpointFromTheRegionAndReadsCredentialsFromOptions() {
    BedrockConfig config =
        BedrockConfig.from(
            settings(
                null,
                List.of(),
                Json.object()
                    .put("region", "eu-central-1")
                    .put("access-key-id", "AKIA1")
                    .put("secret-access-key", "s3cr3t-value")
                    .put("session-token", "")),
            name -> "ignored");

    assertEquals("https://bedrock-runtime.eu-central-1.amazonaws.com", config.baseUrl());
    assertEquals("AKIA1", config.credentials().accessKeyId());
    assertFalse(config.credentials().hasSessionToken());
    assertFalse(config.toString().contains("s3cr3t-value"));
  }

  @Test
  void fallsBackToTheStandardAwsEnvironment() {
    Map<String, String> env =
        Map.of(
            "AWS_REGION",
            "ap-northeast-1",
            "AWS_ACCESS_KEY_ID",
            "AKIAENV",
            "AWS_SECRET_ACCESS_KEY",
            "envsecret",
            "AWS_SESSION_TOKEN",
            "envtoken");

    BedrockConfig config = BedrockConfig.from(settings("", List.of(), null), env::get);

    assertEquals("ap-northeast-1", config.region());
    assertEquals("AKIAENV", config.credentials().accessKeyId());
    assertEquals("envtoken", config.credentials().sessionToken().value());
  }

  @Test
  void takesTheRegionFromARegionalBaseUrl() {
    BedrockConfig config =
        BedrockConfig.from(
            settings("https://bedrock-runtime.us-west-2.amazonaws.com/", List.of(), null),
            name -> null);

    assertEquals("us-west-2", config.region());
    assertEquals("https://bedrock-runtime.us-west-2.amazonaws.com", config.baseUrl());
    assertNull(config.credentials());
  }

  @Test
  void rejectsUnknownOptionsAHalfConfiguredKeyAndAMissingRegion() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BedrockConfig.from(
                    settings(
                        null,
                        List.of(),
                        Json.object().put("region", "us-east-1").put("secret_key", "x")),
                    name -> null));
    assertTrue(unknown.getMessage().contains("'secret_key'"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BedrockConfig.from(
                settings(
                    null,
                    List.of(),
                    Json.object().put("region", "us-east-1").put("access-key-id", "AKIA")),
                name -> null));
    assertThrows(
        IllegalArgumentException.class,
        () -> BedrockConfig.from(settings(null, List.of(), null), name -> null));
  }

  @Test
  void aBedrockApiKeyIsSentAsABearerToken() throws Exception {
    try (FakeBedrock upstream = new FakeBedrock()) {
      upstream.answer(FakeBedrock.json(200, Fixtures.bytes("bedrock/converse-text.json"), null));
      ProviderSettings settings =
          settings(
              upstream.baseUrl(),
              List.of(new Secret("ABSKbedrockapikey123")),
              Json.object().put("region", "us-east-1"));
      KeyedProvider provider =
          KeyedProvider.of(
              new BedrockProvider(
                  settings, HttpClient.newHttpClient(), name -> null, Clock.systemUTC()),
              settings);

      ChatResponse response =
          provider
              .chat(BedrockProviderTest.ask("hi"))
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);

      assertEquals(22, response.usage().promptTokens());
      assertEquals("Bearer ABSKbedrockapikey123", upstream.received.get(0).header("Authorization"));
      assertNull(upstream.received.get(0).header("X-Amz-Date"));
    }
  }

  @Test
  void withoutCredentialsRequestsFailWithA502NamingTheSettings() throws Exception {
    ProviderSettings settings =
        settings("http://127.0.0.1:9", List.of(), Json.object().put("region", "us-east-1"));
    KeyedProvider provider =
        KeyedProvider.of(
            new BedrockProvider(
                settings, HttpClient.newHttpClient(), name -> null, Clock.systemUTC()),
            settings);

    ProviderException e = BedrockProviderTest.failure(provider.chat(BedrockProviderTest.ask("hi")));

    assertEquals(502, e.status());
    assertEquals("upstream_credentials_missing", e.code());
    assertTrue(e.getMessage().contains("options.access-key-id"));
  }
}
