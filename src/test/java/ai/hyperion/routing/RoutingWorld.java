package ai.hyperion.routing;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderSettings;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Secret;
import ai.hyperion.provider.openai.OpenAiProvider;
import ai.hyperion.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway.yaml world over a {@link ScriptedUpstream}, with the routing parts wired as the server
 * wires them and the real OpenAI adapter making each call with the leased deployment's base URL and
 * key (one adapter per deployment and key, as the re-seated executor will do).
 */
final class RoutingWorld implements AutoCloseable {

  final ScriptedUpstream upstream = new ScriptedUpstream();
  final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final Clock routingClock;
  final GatewayConfig config;
  final ModelCatalog catalog;
  final DeploymentRegistry registry;
  final PrefixAffinity affinity;
  final DeploymentBalancer balancer;
  final AttemptRunner runner;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Provider> adapters = new ConcurrentHashMap<>();

  /** {@code yaml} may use {@code ${A}}, {@code ${B}}... for the base URLs of scripted paths. */
  RoutingWorld(String yaml) {
    this(yaml, false);
  }

  /** With {@code realTime}, cool-downs and breakers run on the system clock (real waits). */
  RoutingWorld(String yaml, boolean realTime) {
    routingClock = realTime ? Clock.systemUTC() : clock;
    config =
        new GatewayConfigLoader(
                name -> Optional.of(name.length() == 1 ? upstream.baseUrl(name.toLowerCase()) : ""))
            .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    catalog = new ModelCatalog(config);
    registry = new DeploymentRegistry(config, routingClock);
    affinity =
        new PrefixAffinity(
            Duration.ofSeconds(config.routing().affinity().ttlSeconds()),
            config.routing().affinity().maxEntries(),
            routingClock);
    balancer =
        new DeploymentBalancer(registry, affinity, config.routing().balancer(), routingClock);
    runner = new AttemptRunner(balancer, Runnable::run);
  }

  CatalogModel model(String name) {
    return catalog.resolve(name).orElseThrow();
  }

  Candidate candidate(String name) {
    return new Candidate(model(name), RouteMode.PASSTHROUGH, "test");
  }

  /** A real adapter call with the lease's base URL and key. */
  CompletionStage<ChatResponse> call(Candidate candidate, Lease lease) {
    ModelDeployment d = lease.deployment();
    String id = d.id() + "#" + lease.key().index();
    Provider provider =
        adapters.computeIfAbsent(
            id,
            ignored ->
                new OpenAiProvider(
                    new ProviderSettings(
                        d.provider(),
                        "openai",
                        d.baseUrl(),
                        List.of(),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Map.of(),
                        null),
                    http));
    return provider.chat(ask("hello").withModel(d.upstreamModel()), lease.key().secret());
  }

  static ChatRequest ask(String text) {
    return new ChatRequest(
        "m",
        List.of(ChatMessage.text(Role.USER, text)),
        false,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static Secret secret(String value) {
    return new Secret(value);
  }

  @Override
  public void close() {
    upstream.close();
  }
}
