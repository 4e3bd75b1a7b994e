package ai.hyperion.routing;

import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;

/**
 * One configured upstream that can serve requests: the adapter for it, its settings (base URL,
 * timeouts) and the pool of keys it is called with.
 */
public record Deployment(Provider adapter, ProviderSettings settings, KeyPool keys) {

  public String name() {
    return settings.name();
  }
}
