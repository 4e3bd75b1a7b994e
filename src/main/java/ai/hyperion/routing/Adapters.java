package ai.hyperion.routing;

import ai.hyperion.config.ProviderConfig;
import ai.hyperion.provider.InMemoryResumeStates;
import ai.hyperion.provider.Json;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.ProviderType;
import ai.hyperion.provider.ResumeStates;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.UpstreamHttpClientProducer;
import ai.hyperion.provider.UpstreamTimeouts;
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
    Duration connect =
        c.connectTimeoutSeconds() == null
            ? UpstreamHttpClientProducer.DEFAULT_CONNECT_TIMEOUT
            : Duration.ofSeconds(c.connectTimeoutSeconds());
    Duration total = Duration.ofSeconds(c.timeoutSeconds() == null ? 600 : c.timeoutSeconds());
    return new ProviderSettings(
        name,
        c.type(),
        baseUrl,
        c.apiKeys().stream().map(Secret::new).toList(),
        connect,
        total,
        c.headers(),
        c.options(),
        UpstreamTimeouts.of(
            total, seconds(c.firstByteTimeoutSeconds()), seconds(c.idleTimeoutSeconds())));
  }

  /** An adapter keeping resume state in this JVM only (tests, tools). */
  public static Provider create(ProviderSettings settings, HttpClient http) {
    return create(settings, http, new InMemoryResumeStates());
  }

  /**
   * {@code states} is where adapters keep what a provider needs to resume a conversation (thought
   * signatures, thinking blocks), shared by all adapters so each can tell its own state apart.
   */
  public static Provider create(ProviderSettings settings, HttpClient http, ResumeStates states) {
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
                  settings, http, ServiceAccountTokenSource.fromSettings(settings, http), states)
              : new AnthropicProvider(settings, http, null, states);
      case GEMINI, VERTEX -> new GeminiProvider(settings, http, states);
      case BEDROCK -> new BedrockProvider(settings, http);
    };
  }

  /**
   * The injected client when its connect timeout is the provider's, else the shared one that is.
   */
  public static HttpClient client(HttpClient injected, Duration connectTimeout) {
    return injected.connectTimeout().map(connectTimeout::equals).orElse(false)
        ? injected
        : UpstreamHttpClientProducer.withConnectTimeout(connectTimeout);
  }

  private static Duration seconds(Double seconds) {
    return seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static boolean onVertex(ProviderSettings settings) {
    return settings.options() != null && "vertex".equals(Json.text(settings.options(), "platform"));
  }
}
