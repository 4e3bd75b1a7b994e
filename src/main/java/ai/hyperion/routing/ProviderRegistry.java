package ai.hyperion.routing;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.pipeline.GatewayException;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderFactory;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Secret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The adapter instance for each configured provider, created once at start-up. */
@ApplicationScoped
public class ProviderRegistry {

  private final Map<String, Provider> providers = new HashMap<>();
  private final Map<String, ProviderSettings> settings = new HashMap<>();

  protected ProviderRegistry() {}

  @Inject
  public ProviderRegistry(GatewayConfig config, HttpClient http) {
    for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
      ProviderConfig c = entry.getValue();
      ProviderSettings s =
          new ProviderSettings(
              entry.getKey(),
              c.type(),
              c.baseUrl(),
              c.apiKeys().stream().map(Secret::new).toList(),
              Duration.ofSeconds(
                  c.connectTimeoutSeconds() == null ? 10 : c.connectTimeoutSeconds()),
              Duration.ofSeconds(c.timeoutSeconds() == null ? 600 : c.timeoutSeconds()),
              c.headers(),
              c.options());
      settings.put(entry.getKey(), s);
      providers.put(entry.getKey(), ProviderFactory.create(s, http));
    }
  }

  /** The adapter for a provider, refusing with a clear 503 when it cannot be used as configured. */
  public Provider usable(String name) {
    Provider provider = providers.get(name);
    ProviderSettings s = settings.get(name);
    if (provider == null) {
      throw GatewayException.providerNotConfigured(
          name, "add it under 'providers' in gateway.yaml.");
    }
    if (!s.hasKeys() && needsKeys(s)) {
      throw GatewayException.providerNotConfigured(
          name,
          "it has no API key. Set the environment variable its 'api-keys' entry in gateway.yaml"
              + " refers to (e.g. OPENAI_API_KEY) and restart.");
    }
    return provider;
  }

  /** Keys are needed when gateway.yaml lists some but none resolved (an unset env variable). */
  private static boolean needsKeys(ProviderSettings s) {
    return !s.apiKeys().isEmpty();
  }
}
