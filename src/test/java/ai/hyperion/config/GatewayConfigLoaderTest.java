package ai.hyperion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayConfigLoaderTest {

  private static GatewayConfig load(String yaml, Map<String, String> env) {
    return new GatewayConfigLoader(name -> Optional.ofNullable(env.get(name)))
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void theShippedDefaultLoadsWithNothingConfigured() {
    GatewayConfig config = new GatewayConfigLoader(name -> Optional.empty()).load(Optional.empty());
    assertTrue(config.providers().containsKey("openai"));
    assertTrue(config.models().stream().anyMatch(m -> m.id().equals("gpt-4o")));
  }

  @Test
  void environmentReferencesAndDefaultsAreResolved() {
    GatewayConfig config =
        load(
            """
            providers:
              p:
                type: openai
                base-url: ${BASE:-http://127.0.0.1:9/v1}
                api-keys: ["${KEY}"]
            """,
            Map.of("KEY", "sk-secret-value"));
    assertEquals("http://127.0.0.1:9/v1", config.providers().get("p").baseUrl());
    assertEquals("sk-secret-value", config.providers().get("p").apiKeys().get(0));
  }

  @Test
  void everyProblemIsReportedTogether() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    """
                    providers:
                      p:
                        type: carrier-pigeon
                        base-url: ftp://nope
                    models:
                      - id: a
                        provider: missing
                        input-price: -1
                      - id: b
                        provider: p
                        aliases: [a]
                        capabilities: [telepathy]
                    """,
                    Map.of()));
    String message = e.getMessage();
    for (String expected :
        new String[] {
          "providers.p.type",
          "providers.p.base-url",
          "models[0] (a).provider",
          "models[0] (a).input-price",
          "'a' is already",
          "unknown capability 'telepathy'"
        }) {
      assertTrue(message.contains(expected), expected + " missing in:\n" + message);
    }
  }

  @Test
  void unknownKeysAreRejectedWithTheirName() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    """
                    providers:
                      p:
                        type: openai
                        base-url: http://127.0.0.1/v1
                        api-key: oops
                    """,
                    Map.of()));
    assertTrue(e.getMessage().contains("api-key"), e.getMessage());
  }

  @Test
  void unpricedModelsAreRejectedUnlessADefaultPriceIsConfigured() {
    GatewayConfig plain = load("models: []\n", Map.of());
    assertEquals(PricingConfig.REJECT_MODE, plain.pricing().unpricedModels());

    GatewayConfig charged =
        load(
            """
            pricing:
              unpriced-models: default
              default-input-price: 5
              default-output-price: 15.5
            """,
            Map.of());
    assertTrue(charged.pricing().chargesDefaultPrice());
    assertEquals(15.5, charged.pricing().defaultOutputPrice());

    ConfigException incomplete =
        assertThrows(
            ConfigException.class, () -> load("pricing:\n  unpriced-models: default\n", Map.of()));
    assertTrue(
        incomplete.getMessage().contains("pricing.default-input-price"), incomplete.getMessage());
    assertTrue(
        incomplete.getMessage().contains("pricing.default-output-price"), incomplete.getMessage());
    ConfigException unknownMode =
        assertThrows(
            ConfigException.class, () -> load("pricing:\n  unpriced-models: free\n", Map.of()));
    assertTrue(unknownMode.getMessage().contains("pricing.unpriced-models"));
  }

  @Test
  void aModelIsPricedOnlyWithBothPricesUnlessItOnlyEmbeds() {
    GatewayConfig config =
        load(
            """
            providers:
              p: {type: openai, base-url: "http://127.0.0.1:9/v1"}
            models:
              - {id: full, provider: p, input-price: 1, output-price: 2, max-output-tokens: 100}
              - {id: half, provider: p, input-price: 1}
              - {id: emb, provider: p, capabilities: [embeddings], input-price: 0.02}
            """,
            Map.of());
    assertTrue(config.models().get(0).priced());
    assertEquals(100, config.models().get(0).maxOutputTokens());
    assertEquals(false, config.models().get(1).priced());
    assertTrue(config.models().get(2).priced());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    """
                    providers:
                      p: {type: openai, base-url: "http://127.0.0.1:9/v1"}
                    models:
                      - {id: m, provider: p, max-output-tokens: 0}
                    """,
                    Map.of()));
    assertTrue(e.getMessage().contains("max-output-tokens"), e.getMessage());
  }
}
