package ai.hyperion.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.routing.ModelCatalog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Metric labels come from the catalog only: a client cannot mint series by inventing names. */
class UsageMeterTest {

  private static final String CATALOG =
      """
      providers:
        openai: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-primary]}
      models:
        - {id: gpt-4o, provider: openai, aliases: [gpt-4o-latest]}
      """;

  private final UsageMeter meter = new UsageMeter();

  UsageMeterTest() {
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
    meter.catalog = new ModelCatalog(config);
  }

  @Test
  void catalogModelsKeepTheirIdAsLabel() {
    assertEquals("gpt-4o", meter.modelLabel("gpt-4o"));
    assertEquals("none", meter.modelLabel("none"));
  }

  @Test
  void passThroughAndUnknownNamesAreAllLabelledOther() {
    assertEquals("other", meter.modelLabel("openai/gpt-made-up-1"));
    assertEquals("other", meter.modelLabel("openai/" + "x".repeat(10_000)));
    assertEquals("other", meter.modelLabel("acme/tiny-0.5b"));
  }
}
