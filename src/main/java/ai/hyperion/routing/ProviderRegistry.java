package ai.hyperion.routing;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.ProviderConfig;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.PinnedUpstream;
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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployment (adapter, settings, key pool) of each configured provider, created once at
 * start-up: the one place that turns gateway.yaml's providers into adapters. Pinned upstreams
 * (dedicated endpoints) get theirs on first use, one per upstream and base URL.
 */
@ApplicationScoped
public class ProviderRegistry {

  /** How long a pinned upstream may take to connect and to answer. */
  static final Duration PINNED_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  static final Duration PINNED_REQUEST_TIMEOUT = Duration.ofSeconds(600);

  private final Map<String, Deployment> deployments = new HashMap<>();

  /**
   * The deployment of each pinned upstream by name, replaced when its base URL changes (a local
   * endpoint woken on another port). Entries hold no connections (the HTTP client is shared), so an
   * endpoint that is gone costs one small object until the next restart.
   */
  private final Map<String, Deployment> pinned = new ConcurrentHashMap<>();

  private HttpClient http;

  protected ProviderRegistry() {}

  /** A registry whose adapters keep resume state in this JVM only (tests, tools). */
  public ProviderRegistry(GatewayConfig config, HttpClient http) {
    this(config, http, new InMemoryResumeStates());
  }

  /**
   * {@code states} is where adapters keep what a provider needs to resume a conversation (thought
   * signatures, thinking blocks), shared by all adapters so each can tell its own state apart.
   */
  @Inject
  public ProviderRegistry(GatewayConfig config, HttpClient http, ResumeStates states) {
    this.http = http;
    for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
      ProviderConfig c = entry.getValue();
      Duration connect =
          c.connectTimeoutSeconds() == null
              ? UpstreamHttpClientProducer.DEFAULT_CONNECT_TIMEOUT
              : Duration.ofSeconds(c.connectTimeoutSeconds());
      Duration total = Duration.ofSeconds(c.timeoutSeconds() == null ? 600 : c.timeoutSeconds());
      ProviderSettings settings =
          new ProviderSettings(
              entry.getKey(),
              c.type(),
              c.baseUrl(),
              c.apiKeys().stream().map(Secret::new).toList(),
              connect,
              total,
              c.headers(),
              c.options(),
              UpstreamTimeouts.of(
                  total, seconds(c.firstByteTimeoutSeconds()), seconds(c.idleTimeoutSeconds())));
      deployments.put(
          entry.getKey(),
          new Deployment(
              adapter(settings, client(http, connect), states),
              settings,
              new KeyPool(settings.apiKeys())));
    }
  }

  /**
   * The injected client when its connect timeout is the provider's, else the shared one that is.
   */
  private static HttpClient client(HttpClient injected, Duration connectTimeout) {
    return injected.connectTimeout().map(connectTimeout::equals).orElse(false)
        ? injected
        : UpstreamHttpClientProducer.withConnectTimeout(connectTimeout);
  }

  private static Duration seconds(Double seconds) {
    return seconds == null ? null : Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static Provider adapter(ProviderSettings settings, HttpClient http, ResumeStates states) {
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

  private static boolean onVertex(ProviderSettings settings) {
    return settings.options() != null && "vertex".equals(Json.text(settings.options(), "platform"));
  }

  /** The deployment of a provider, refusing with a clear 503 when it cannot be used. */
  public Deployment usable(String name) {
    Deployment deployment = deployments.get(name);
    if (deployment == null) {
      throw RequestRefusedException.providerNotConfigured(
          name, "add it under 'providers' in gateway.yaml.");
    }
    // Keys are needed when gateway.yaml lists some but none resolved (an unset env variable).
    if (!deployment.settings().apiKeys().isEmpty() && deployment.keys().isEmpty()) {
      throw RequestRefusedException.providerNotConfigured(
          name,
          "it has no API key. Set the environment variable its 'api-keys' entry in gateway.yaml"
              + " refers to (e.g. OPENAI_API_KEY) and restart.");
    }
    return deployment;
  }

  /**
   * The deployment serving a pinned upstream: an OpenAI-compatible adapter for its base URL, called
   * without a key, created on first use and reused by every later request to the same base URL.
   */
  public Deployment pinned(PinnedUpstream upstream) {
    String baseUrl = upstream.baseUrl().toString();
    return pinned.compute(
        upstream.name(),
        (name, current) ->
            current != null && current.settings().baseUrl().equals(baseUrl)
                ? current
                : pinnedDeployment(name, baseUrl));
  }

  private Deployment pinnedDeployment(String name, String baseUrl) {
    ProviderSettings settings =
        new ProviderSettings(
            name,
            ProviderType.OPENAI.configName(),
            baseUrl,
            List.of(),
            PINNED_CONNECT_TIMEOUT,
            PINNED_REQUEST_TIMEOUT,
            Map.of(),
            null);
    return new Deployment(new OpenAiProvider(settings, http), settings, new KeyPool(List.of()));
  }

  /** How many deployments are configured (start-up check). */
  public int size() {
    return deployments.size();
  }
}
