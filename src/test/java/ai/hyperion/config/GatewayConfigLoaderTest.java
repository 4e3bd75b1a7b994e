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
}
