package ai.hyperion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing parts of gateway.yaml: defaults, binding and validation. */
class RoutingConfigTest {

  private static GatewayConfig load(String yaml) {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static final String PROVIDERS =
      """
      providers:
        a:
          type: openai
          base-url: http://127.0.0.1:9/v1
          first-byte-timeout-seconds: 2.5
          idle-timeout-seconds: 10
          retry: {max-retries: 2, initial-backoff-ms: 50, max-backoff-ms: 400,
              max-retry-after-seconds: 3}
          breaker: {failure-threshold: 3, failure-ratio: 0.6, window: 10, open-seconds: 7,
              half-open-probes: 2}
        b:
          type: openai
          base-url: http://127.0.0.1:10/v1
      """;

  @Test
  void routingSettingsBindWithDefaultsForWhatIsLeftOut() {
    GatewayConfig config =
        load(
            PROVIDERS
                + """
                models:
                  - id: big
                    provider: a
                    family: f
                    tier: 3
                    downgrade-to: [small]
                    downgrade-intents: [chat]
                    max-output-tokens: 4096
                    fallbacks: [small]
                    deployments:
                      - {provider: a, weight: 3}
                      - {provider: b, base-url: "http://10.0.0.2:8000/v1", upstream-model: big-v2}
                  - id: small
                    provider: a
                    family: f
                    tier: 1
                routing:
                  affinity: {ttl-seconds: 60}
                  experiments:
                    - {name: exp, model: big, arms: [{model: big, weight: 90}, {model: small,
                        weight: 10}]}
                """);
    ProviderConfig a = config.providers().get("a");
    assertEquals(2, a.retry().maxRetries());
    assertEquals(7, a.breaker().openSeconds());
    assertEquals(2.5, a.firstByteTimeoutSeconds());
    assertEquals(1, config.providers().get("b").retry().maxRetries(), "default");
    ModelConfig big = config.models().get(0);
    assertEquals(
        List.of("a", "b@10.0.0.2:8000"),
        big.effectiveDeployments().stream().map(DeploymentConfig::effectiveId).toList());
    assertEquals(3, big.deployments().get(0).weight());
    assertEquals(1, config.models().get(1).effectiveDeployments().size());
    assertEquals(60, config.routing().affinity().ttlSeconds());
    assertEquals(1024, config.routing().affinity().minPrefixTokens(), "default");
    assertEquals("user", config.routing().experiments().get(0).sticky());
    assertEquals(3, config.routing().auto().minTier().get("reasoning"));
  }

  @Test
  void everyRoutingMistakeIsReportedTogether() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    """
                    providers:
                      a:
                        type: openai
                        base-url: http://127.0.0.1:9/v1
                        retry: {max-retries: 50, initial-backoff-ms: 500, max-backoff-ms: 100}
                        breaker: {failure-ratio: 1.5, half-open-probes: 0}
                        idle-timeout-seconds: 0
                    models:
                      - id: big
                        provider: a
                        family: f
                        tier: 0
                        downgrade-to: [other, nowhere, big]
                        downgrade-intents: [poetry]
                        fallbacks: [ghost]
                        deployments:
                          - {provider: zz}
                          - {provider: a, base-url: "ftp://x", weight: 0}
                      - id: other
                        provider: a
                        family: g
                    routing:
                      smart: {max-complexity: 2}
                      balancer: {ejection-latency-factor: 0.5}
                      experiments:
                        - {name: x, model: nope, arms: [{model: big, weight: 0}], sticky: moon}
                    """));
    String message = e.getMessage();
    for (String expected :
        List.of(
            "providers.a.retry.max-retries: must be between 0 and 10",
            "providers.a.retry.max-backoff-ms: must not be below initial-backoff-ms",
            "providers.a.breaker.failure-ratio",
            "providers.a.breaker.half-open-probes",
            "providers.a.idle-timeout-seconds: must be above 0",
            "(big).tier: must be between 1 and 10",
            "downgrade-to: 'other' is in family 'g', not 'f'",
            "downgrade-to: 'nowhere' is not a model id or alias",
            "downgrade-to: a model cannot downgrade to itself",
            "downgrade-intents: unknown intent 'poetry'",
            "fallbacks: 'ghost' is not a model id or alias",
            "deployments[0].provider: 'zz' is not defined under providers",
            "deployments[1].weight",
            "deployments[1].base-url: must be an http(s) URL",
            "routing.smart.max-complexity",
            "routing.balancer.ejection-latency-factor",
            "routing.experiments[0].model: 'nope'",
            "routing.experiments[0].arms[0].weight",
            "routing.experiments[0].sticky")) {
      assertTrue(message.contains(expected), "missing '" + expected + "' in:\n" + message);
    }
  }
}
