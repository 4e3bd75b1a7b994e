package ai.hyperion.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.Limits;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestOptions;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.Usage;
import ai.hyperion.routing.ModelCatalog;
import ai.hyperion.routing.OrgRoutingPolicy;
import ai.hyperion.routing.RoutingPolicies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The policy stage on the in-process store, as the pipeline calls it. */
class PolicyStageTest {

  private static final String WORLD =
      """
      providers: {p: {type: openai, base-url: "http://127.0.0.1:9/v1"}}
      models:
        - {id: big, provider: p, input-price: 2.5, output-price: 10}
        - {id: small, provider: p, input-price: 0.15, output-price: 0.6}
        - {id: unpriced, provider: p}
      """;

  private final List<BudgetRule> keyBudgets = new ArrayList<>();
  private final PolicyEngine engine =
      new PolicyEngine(
          new LocalPolicyStore(Clock.systemUTC()),
          Clock.systemUTC(),
          Duration.ofMinutes(15),
          e -> {},
          new PolicyCounters());
  private final PolicyStage stage;

  PolicyStageTest() {
    GatewayConfig config =
        new GatewayConfigLoader(name -> Optional.empty())
            .load(new ByteArrayInputStream(WORLD.getBytes(StandardCharsets.UTF_8)), "t");
    BudgetDirectory budgets =
        new BudgetDirectory(null) {
          @Override
          public List<BudgetRule> budgetsFor(
              TenantLevel level, String subjectId, String budgetRef, String orgId) {
            return level == TenantLevel.KEY ? List.copyOf(keyBudgets) : List.of();
          }
        };
    PriceBook prices = new PriceBook(config);
    RoutingPolicies routing =
        new RoutingPolicies() {
          @Override
          public OrgRoutingPolicy forOrg(String orgId) {
            return OrgRoutingPolicy.NONE;
          }
        };
    stage =
        new PolicyStage(
            engine,
            new PolicyRequests(budgets, prices, new TokenEstimator(4096)),
            prices,
            new ModelCatalog(config),
            routing);
  }

  private static ChatCall call(String model, Limits key, Integer maxTokens, String... fallbacks) {
    Exchange exchange = new Exchange("/v1/chat/completions", false);
    exchange.tenant(
        new TenantContext(
            "org_1",
            null,
            "user_1",
            "key_1",
            "hk-abc",
            AllowList.unrestricted(),
            AllowList.unrestricted(),
            false,
            false,
            Map.of(),
            Set.of(),
            new TenantLimits(key, Limits.NONE, Limits.NONE, Limits.NONE),
            UserRole.MEMBER));
    ChatRequest request =
        new ChatRequest(
            model,
            List.of(ChatMessage.text(Role.USER, "Say hello")),
            false,
            false,
            maxTokens,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new ChatCall(
        exchange,
        request,
        new RequestOptions(List.of(fallbacks), CacheMode.DEFAULT, null, null, null, false));
  }

  private Admission admit(ChatCall call) throws Exception {
    return stage.admit(call).toCompletableFuture().get();
  }

  @Test
  void aLimitedKeyGetsTheTightestHeadersThenA429ThatNamesTheLimit() throws Exception {
    Limits rpm = new Limits(1, null, null, null);
    Admission first = admit(call("big", rpm, null));
    assertEquals("1", first.headers().get("x-ratelimit-limit-requests"));
    assertEquals("0", first.headers().get("x-ratelimit-remaining-requests"));
    first.settle(new Usage(10, 10), "big");

    ChatCall second = call("big", rpm, null);
    ExecutionException e = assertThrows(ExecutionException.class, () -> admit(second));
    RequestRefusedException refused = assertInstanceOf(RequestRefusedException.class, e.getCause());
    assertEquals(429, refused.status());
    assertEquals("rate_limit_exceeded", refused.code());
    assertTrue(refused.getMessage().contains("key (key_1): limit 1"), refused.getMessage());
    assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 60);
    assertEquals("1", second.exchange().admission().headers().get("x-ratelimit-limit-requests"));
  }

  @Test
  void aBudgetThatCannotAffordTheModelSignalsTheFirstFallbackThatFits() throws Exception {
    // big with max_tokens 500 may cost ~$0.005; small ~$0.0003; the budget holds $0.002.
    keyBudgets.add(
        new BudgetRule(
            "bud_1",
            "org_1",
            "cap",
            2_000_000,
            BudgetPeriod.TOTAL,
            ZoneOffset.UTC,
            null,
            true,
            TenantLevel.KEY,
            "key_1"));
    Admission admission = admit(call("big", Limits.NONE, 500, "unpriced", "small"));
    assertEquals("small", admission.signal().orElseThrow().model());
    String policy = admission.headers().get("x-hyperion-policy");
    assertTrue(policy.startsWith("reason=budget; budget=bud_1; requested=big;"), policy);
    assertTrue(policy.endsWith("served=small"), policy);
    admission.release();

    ExecutionException e =
        assertThrows(ExecutionException.class, () -> admit(call("big", Limits.NONE, 500)));
    RequestRefusedException refused = assertInstanceOf(RequestRefusedException.class, e.getCause());
    assertEquals("budget_exceeded", refused.code());
    assertTrue(refused.retryAfterSeconds() > 0);
  }

  @Test
  void anUnpricedModelIsRefusedAndANameOnlyTheRouterKnowsStillCounts() throws Exception {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> admit(call("unpriced", Limits.NONE, null)));
    RequestRefusedException refused = assertInstanceOf(RequestRefusedException.class, e.getCause());
    assertEquals(403, refused.status());
    assertEquals("model_not_priced", refused.code());

    Limits rpm = new Limits(1, null, null, null);
    admit(call("auto", rpm, null)).release();
    ExecutionException again =
        assertThrows(ExecutionException.class, () -> admit(call("auto", rpm, null)));
    assertEquals("rate_limit_exceeded", ((RequestRefusedException) again.getCause()).code());
  }
}
