package ai.hyperion.config;

import java.util.List;
import java.util.Map;

/** The provider and model world, as read from gateway.yaml and validated at start-up. */
public record GatewayConfig(
    Map<String, ProviderConfig> providers,
    List<ModelConfig> models,
    PricingConfig pricing,
    RoutingConfig routing,
    DedicatedConfig dedicated,
    McpConfig mcp) {

  public GatewayConfig {
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    models = models == null ? List.of() : List.copyOf(models);
    pricing = pricing == null ? PricingConfig.REJECT : pricing;
    routing = routing == null ? RoutingConfig.DEFAULT : routing;
    dedicated = dedicated == null ? DedicatedConfig.none() : dedicated;
    mcp = mcp == null ? McpConfig.none() : mcp;
  }
}
