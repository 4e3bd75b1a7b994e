package ai.hyperion.provider;

import ai.hyperion.provider.anthropic.AnthropicProvider;
import ai.hyperion.provider.bedrock.BedrockProvider;
import ai.hyperion.provider.gcp.ServiceAccountTokenSource;
import ai.hyperion.provider.gemini.GeminiProvider;
import ai.hyperion.provider.openai.OpenAiProvider;
import java.net.http.HttpClient;

/** Creates the adapter for a configured provider from its {@code type}. */
public final class ProviderFactory {

  private ProviderFactory() {}

  private static boolean isVertex(ProviderSettings settings) {
    return settings.options() != null
        && "vertex".equals(settings.options().path("platform").asText());
  }

  public static Provider create(ProviderSettings settings, HttpClient http) {
    return switch (settings.type()) {
      case "openai" -> new OpenAiProvider(settings, http);
      case "anthropic" ->
          isVertex(settings)
              ? new AnthropicProvider(
                  settings, http, ServiceAccountTokenSource.fromSettings(settings, http))
              : new AnthropicProvider(settings, http);
      case "bedrock" -> new BedrockProvider(settings, http);
      case "gemini", "vertex" -> new GeminiProvider(settings, http);
      default ->
          throw new IllegalArgumentException(
              "Provider type '"
                  + settings.type()
                  + "' (provider '"
                  + settings.name()
                  + "') is not available in this build.");
    };
  }
}
