package ai.hyperion.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DedicatedConfigTest {

  private static GatewayConfig load(String yaml) {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  @Test
  void theShippedCatalogRunsLocalVllm() {
    DedicatedConfig config =
        new GatewayConfigLoader(name -> Optional.empty()).load(Optional.empty()).dedicated();
    assertEquals("local", config.platform());
    assertEquals(5, config.hardware().size());
    assertEquals("h100-80gb", config.hardware().get(4).id());
    assertEquals(80.0, config.hardware().get(4).memoryGb());
    assertEquals("vllm", config.local().command().get(0));
    assertEquals("/health", config.local().healthPath());
  }

  @Test
  void noSectionMeansNoDedicatedEndpoints() {
    DedicatedConfig config = load("providers: {}\n").dedicated();
    assertTrue(config.hardware().isEmpty());
    assertEquals("vllm/vllm-openai:v0.8.5", config.kubernetes().image());
  }

  @Test
  void everyMistakeInTheCatalogAndPlatformsIsNamed() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    """
                    dedicated:
                      platform: slurm
                      hardware:
                        - {id: h100, gpu: nvidia-h100, memory-gb: 80, gpus-per-node: 8,
                            price-per-hour: 4}
                        - {id: h100, gpu: "", memory-gb: 0, gpus-per-node: 64, price-per-hour: -1}
                      local:
                        command: [vllm, serve, "{model}"]
                      kubernetes:
                        namespace: Not_A_Label
                        port: 0
                    """));
    String message = e.getMessage();
    for (String expected :
        new String[] {
          "dedicated.platform: must be 'local' or 'kubernetes'",
          "dedicated.hardware[1] (h100).id: is defined twice",
          "dedicated.hardware[1] (h100).gpu: is required",
          "dedicated.hardware[1] (h100).memory-gb: must be a positive number",
          "dedicated.hardware[1] (h100).gpus-per-node: must be between 1 and 16",
          "dedicated.hardware[1] (h100).price-per-hour: must be zero or more",
          "dedicated.local.command: must pass {port} to the server",
          "dedicated.kubernetes.namespace: must be a DNS label",
          "dedicated.kubernetes.port: must be between 1 and 65535"
        }) {
      assertTrue(message.contains(expected), expected + " missing from:\n" + message);
    }
  }

  @Test
  void unknownKeysAreRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> load("dedicated:\n  hardware:\n    - {id: a, gpus: 8}\n"));
    assertTrue(e.getMessage().contains("gpus"), e.getMessage());
  }
}
