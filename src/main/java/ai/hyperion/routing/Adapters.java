package ai.hyperion.routing;

import ai.hyperion.config.ProviderConfig;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ProviderType;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.anthropic.AnthropicProvider;
import ai.hyperion.provider.bedrock.BedrockProvider;
import ai.hyperion.provider.gcp.ServiceAccountTokenSource;
import ai.hyperion.provider.gemini.GeminiProvider;
import ai.hyperion.provider.openai.OpenAiProvider;
import java.net.http.HttpClient;
import java.time.Duration;

/** The one place that turns a gateway.yaml provider (at one base URL) into an adapter. */
public final class Adapters {

  private Adapters() {}

  public static ProviderSettings settings(String name, ProviderConfig c, String baseUrl) {
    return new ProviderSettings(
        name,
        c.type(),
        baseUrl,
        c.apiKeys().stream().map(Secret::new).toList(),
        Duration.ofSeconds(c.connectTimeoutSeconds() == null ? 10 : c.connectTimeoutSeconds()),
        Duration.ofSeconds(c.timeoutSeconds() == null ? 600 : c.timeoutSeconds()),
        c.headers(),
        c.options());
  }

  public static Provider create(ProviderSettings settings, HttpClient http) {
    ProviderType type =
        ProviderType.of(settings.type())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Provider type '" + settings.type() + "' is not available."));
    return switch (type) {
      case OPENAI -> new OpenAiProvider(settings, http);
      case ANTHROPIC ->
          onVertex(settings)
              ? new AnthropicProvider(
                  settings, http, ServiceAccountTokenSource.fromSettings(settings, http))
              : new AnthropicProvider(settings, http);
      case GEMINI, VERTEX -> new GeminiProvider(settings, http);
      case BEDROCK -> new BedrockProvider(settings, http);
    };
  }

  private static boolean onVertex(ProviderSettings settings) {
    return settings.options() != null && "vertex".equals(Json.text(settings.options(), "platform"));
  }
}
