package ai.hyperion.bench;

import ai.hyperion.api.ModelNameRule;
import ai.hyperion.api.RequestBodyReader;
import ai.hyperion.api.RequestOptionsReader;
import ai.hyperion.api.openai.OpenAiDialect;
import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.gateway.AttemptExecutor;
import ai.hyperion.gateway.Gateway;
import ai.hyperion.gateway.GatewayMetrics;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.policy.BudgetDirectory;
import ai.hyperion.policy.BudgetPeriod;
import ai.hyperion.policy.BudgetRule;
import ai.hyperion.policy.LocalPolicyStore;
import ai.hyperion.policy.Money;
import ai.hyperion.policy.PolicyCounters;
import ai.hyperion.policy.PolicyEngine;
import ai.hyperion.policy.PolicyRequests;
import ai.hyperion.policy.PolicyStage;
import ai.hyperion.policy.PriceBook;
import ai.hyperion.policy.TenantLevel;
import ai.hyperion.policy.TokenEstimator;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.routing.AttemptRunner;
import ai.hyperion.routing.DeploymentBalancer;
import ai.hyperion.routing.DeploymentRegistry;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.routing.OrgRoutingPolicy;
import ai.hyperion.routing.PrefixAffinity;
import ai.hyperion.routing.RoutePlanner;
import ai.hyperion.routing.Router;
import ai.hyperion.routing.RoutingPolicies;
import ai.hyperion.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's request-path objects wired by hand, as CDI wires them in the server, for the
 * benchmark's world (bench/gateway-bench.yaml: one priced OpenAI model, gpt-4o-mini) and a key with
 * limits and a budget, so the policy stage does its full work. The upstream is {@link
 * CannedUpstream} answering a recorded OpenAI chat.completion.
 */
final class BenchWorld {

  /** The body bench/post.lua sends. */
  static final byte[] REQUEST =
      "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  static final String CONTENT_LENGTH = Integer.toString(REQUEST.length);

  /** A recorded OpenAI answer (fixtures/openai/chat-text.json, 379 tokens). */
  static final byte[] UPSTREAM_ANSWER = Fixtures.bytes("openai/chat-text.json");

  /**
   * bench/gateway-bench.yaml, with the upstream on the discard port: a call that escaped {@link
   * CannedUpstream} fails instead of reaching a server.
   */
  static final String CATALOG =
      """
      providers:
        openai:
          type: openai
          base-url: http://127.0.0.1:9/v1
          api-keys: ["bench-upstream-key"]
      models:
        - id: gpt-4o-mini
          provider: openai
          upstream-model: gpt-4o-mini
          input-price: 0.15
          output-price: 0.60
      """;

  static final String MODEL = "gpt-4o-mini";

  /** The id of the recorded answer. */
  static final String ANSWER_ID = "chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU";

  final GatewayConfig config;
  final RequestBodyReader bodies;
  final OpenAiDialect dialect = new OpenAiDialect();
  final DeploymentRegistry deployments;
  final Router router;
  final Gateway gateway;
  final PriceBook prices;
  final PolicyStage policy;
  final TenantContext tenant;

  BenchWorld() {
    config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "bench");
    bodies = bodyReader(10L * 1024 * 1024);
    Clock clock = Clock.systemUTC();
    ModelCatalog catalog = new ModelCatalog(config);
    deployments = new DeploymentRegistry(config, clock, new CannedUpstream(UPSTREAM_ANSWER));
    DeploymentBalancer balancer =
        new DeploymentBalancer(
            deployments,
            new PrefixAffinity(
                Duration.ofSeconds(config.routing().affinity().ttlSeconds()),
                config.routing().affinity().maxEntries(),
                clock),
            config.routing().balancer(),
            clock);
    router =
        new Router(
            catalog,
            deployments,
            new RoutePlanner(config, catalog, balancer),
            org -> OrgRoutingPolicy.NONE);
    gateway =
        new Gateway(
            router,
            new AttemptExecutor(
                new GatewayMetrics(null), new AttemptRunner(balancer, Runnable::run)),
            null);
    prices = new PriceBook(config);
    tenant = limitedKey();
    BudgetRule budget =
        new BudgetRule(
            "bud_bench",
            tenant.orgId(),
            "bench budget",
            Money.nanos(new BigDecimal("1000000")),
            BudgetPeriod.MONTH,
            ZoneOffset.UTC,
            80,
            true,
            TenantLevel.KEY,
            tenant.keyId());
    BudgetDirectory budgets =
        new BudgetDirectory(null) {
          @Override
          public List<BudgetRule> budgetsFor(
              TenantLevel level, String subjectId, String budgetRef, String orgId) {
            return level == TenantLevel.KEY ? List.of(budget) : List.of();
          }
        };
    PolicyEngine engine =
        new PolicyEngine(
            new LocalPolicyStore(clock),
            clock,
            Duration.ofMinutes(15),
            e -> {},
            new PolicyCounters());
    policy =
        new PolicyStage(
            engine,
            new PolicyRequests(budgets, prices, new TokenEstimator(4096)),
            prices,
            catalog,
            new RoutingPolicies() {
              @Override
              public OrgRoutingPolicy forOrg(String orgId) {
                return OrgRoutingPolicy.NONE;
              }
            });
    answer(); // fails here if the adapter would not answer from the canned upstream
  }

  /**
   * A key with request, token and concurrency limits high enough never to refuse a benchmark, and a
   * monthly hard budget: every level of the policy stage is evaluated.
   */
  private static TenantContext limitedKey() {
    Limits key = new Limits(1_000_000_000, 1_000_000_000, 10_000, null);
    return new TenantContext(
        "org_bench",
        "team_bench",
        "user_bench",
        "key_bench",
        "hk-bench",
        AllowList.unrestricted(),
        AllowList.unrestricted(),
        false,
        false,
        Map.of(),
        Set.of(),
        new TenantLimits(key, Limits.NONE, Limits.NONE, Limits.NONE),
        UserRole.MEMBER);
  }

  /** The body reader with its configured limit (CDI injects it from MicroProfile Config). */
  private static RequestBodyReader bodyReader(long maxBodyBytes) {
    RequestBodyReader reader = new RequestBodyReader();
    try {
      Field limit = RequestBodyReader.class.getDeclaredField("maxBodyBytes");
      limit.setAccessible(true);
      limit.setLong(reader, maxBodyBytes);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("RequestBodyReader has no maxBodyBytes field", e);
    }
    return reader;
  }

  /** A new request's exchange, after the identity filter (as ExchangeFilter and auth leave it). */
  Exchange exchange(boolean debug) {
    Exchange exchange = new Exchange("/v1/chat/completions", debug);
    exchange.tenant(tenant);
    return exchange;
  }

  /** What ChatEndpoint makes of a body: the canonical request and the gateway's own options. */
  ChatCall call(Exchange exchange, JsonNode body) {
    ChatRequest chat = dialect.readChat(body);
    ModelNameRule.check("model", chat.model());
    return new ChatCall(
        exchange,
        chat,
        RequestOptionsReader.read(body, RequestOptionsReader.DEFAULT_MAX_FALLBACKS));
  }

  /** A call with its exchange, parsed from the benchmark's body. */
  ChatCall call() {
    return call(exchange(false), body());
  }

  /** The canonical answer the gateway makes of the upstream's (served as gpt-4o-mini). */
  ChatResponse answer() {
    ChatResult result = gateway.chat(call()).toCompletableFuture().join();
    ChatResponse response = ((ChatResult.Complete) result).response();
    if (!ANSWER_ID.equals(response.id()) || response.usage().completionTokens() != 363) {
      throw new IllegalStateException("not the canned answer: " + response.id());
    }
    return response;
  }

  /** Reads and parses the request body as the resource does. */
  JsonNode body() {
    return bodies.read(CONTENT_LENGTH, new ByteArrayInputStream(REQUEST));
  }
}
