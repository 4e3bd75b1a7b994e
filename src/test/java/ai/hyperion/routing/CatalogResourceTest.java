package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.routing.CatalogResource.CatalogView;
import ai.hyperion.routing.CatalogResource.ProviderView;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogResourceTest {

  private static final GatewayConfig CONFIG =
      new GatewayConfigLoader(name -> Optional.empty())
          .load(
              new ByteArrayInputStream(
                  """
                  providers:
                    openai: {type: openai, base-url: "https://api.openai.com/v1",
                        api-keys: [sk-set]}
                    unset: {type: openai, base-url: "http://10.0.0.5/v1", api-keys: [""]}
                    local: {type: openai, base-url: "http://127.0.0.1:8000/v1"}
                  models:
                    - id: gpt-4o-mini
                      provider: openai
                      upstream-model: gpt-4o-mini-2024-07-18
                      aliases: [mini]
                      family: gpt-4o
                      capabilities: [stream, chat, tools]
                      context-window: 128000
                      input-price: 0.15
                      output-price: 0.60
                      cached-input-price: 0.075
                    - {id: llama, provider: local}
                  """
                      .getBytes(StandardCharsets.UTF_8)),
              "test.yaml");

  private static CatalogView as(UserRole role) {
    return CatalogResource.of(CONFIG, new Caller("usr_1", "org_1", null, role));
  }

  @Test
  void platformAdminsSeeWhereProvidersLiveAndWhetherTheirKeysResolved() {
    assertEquals(
        List.of(
            new ProviderView("local", "openai", 1, "http://127.0.0.1:8000/v1", "not-listed"),
            new ProviderView("openai", "openai", 1, "https://api.openai.com/v1", "configured"),
            new ProviderView("unset", "openai", 0, "http://10.0.0.5/v1", "missing")),
        as(UserRole.PLATFORM_ADMIN).providers());
  }

  @Test
  void everyoneElseSeesModelsAndPricesButNoAddressesOrCredentials() {
    CatalogView member = as(UserRole.MEMBER);
    assertEquals(new ProviderView("openai", "openai", 1, null, null), member.providers().get(1));
    CatalogResource.ModelView mini = member.models().get(0);
    assertEquals("gpt-4o-mini-2024-07-18", mini.upstreamModel());
    assertEquals(List.of("chat", "stream", "tools"), List.copyOf(mini.capabilities()));
    assertEquals(0.60, mini.outputPrice());
    assertNull(mini.cacheWritePrice());
    assertEquals("llama", member.models().get(1).upstreamModel());
  }
}
