package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.hyperion.admin.Caller;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.routing.CatalogResource.CatalogView;
import ai.hyperion.routing.CatalogResource.ProviderView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogResourceTest {

  private static final GatewayConfig CONFIG =
      new GatewayConfig(
          Map.of(
              "openai",
              new ProviderConfig(
                  "openai", "https://api.openai.com/v1", List.of("sk-set"), null, null, null, null),
              "unset",
              new ProviderConfig(
                  "openai", "http://10.0.0.5/v1", List.of(""), null, null, null, null),
              "local",
              new ProviderConfig(
                  "openai", "http://127.0.0.1:8000/v1", null, null, null, null, null)),
          List.of(
              new ModelConfig(
                  "gpt-4o-mini",
                  "openai",
                  "gpt-4o-mini-2024-07-18",
                  List.of("mini"),
                  "gpt-4o",
                  Set.of("stream", "chat", "tools"),
                  128000,
                  0.15,
                  0.60,
                  0.075,
                  null),
              new ModelConfig(
                  "llama", "local", null, null, null, null, null, null, null, null, null)));

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
