package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.auth.AllowList;
import ai.hyperion.auth.TenantContext;
import ai.hyperion.auth.TenantLimits;
import ai.hyperion.auth.UserRole;
import ai.hyperion.config.ModelConfig;
import ai.hyperion.error.GatewayException;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.ChatMessage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ContentPart;
import ai.hyperion.provider.Role;
import ai.hyperion.provider.ToolDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Smart routing, auto, A/B and fallbacks over a small two-family catalog. */
class RoutePlannerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String YAML =
      """
      providers:
        pa: {type: openai, base-url: "${A}", api-keys: [sk-a-0000000000000]}
        pb: {type: openai, base-url: "${B}", api-keys: [sk-b-0000000000000]}
      models:
        - {id: gpt-big, provider: pa, family: g, tier: 3, downgrade-to: [gpt-tiny, gpt-small],
           capabilities: [chat, stream, tools, vision, json], context-window: 128000,
           input-price: 2.5, output-price: 10, fallbacks: [claude-big]}
        - {id: gpt-small, provider: pa, family: g, tier: 2, capabilities: [chat, stream, tools,
            json],
           context-window: 128000, input-price: 0.15, output-price: 0.6}
        - {id: gpt-tiny, provider: pa, family: g, tier: 1, capabilities: [chat, stream],
           context-window: 16000, input-price: 0.05, output-price: 0.2, max-output-tokens: 1000}
        - {id: claude-big, provider: pb, family: c, tier: 3, capabilities: [chat, stream, tools,
            vision, json],
           context-window: 200000, input-price: 3, output-price: 15}
        - {id: claude-small, provider: pb, family: c, tier: 2, capabilities: [chat, stream, tools,
            vision, json],
           context-window: 200000, input-price: 0.8, output-price: 4}
      routing:
        long-context-tokens: 100000
        smart: {downgrade-intents: [chat, general, extraction, creative], max-complexity: 0.6}
        experiments:
          - {name: claude-trial, model: claude-small, arms: [{model: claude-small, weight: 70},
              {model: gpt-small, weight: 30}]}
      """;

  private final RoutingWorld world = new RoutingWorld(YAML);
  private final RoutePlanner planner =
      new RoutePlanner(world.config, world.catalog, world.balancer);

  @AfterEach
  void close() {
    world.close();
  }

  static TenantContext tenant(boolean auto, boolean smart, Set<String> models, String user) {
    return new TenantContext(
        "org_1",
        "team_1",
        user,
        "key_" + user,
        "hk-abc",
        AllowList.of(models),
        AllowList.unrestricted(),
        auto,
        smart,
        Map.of(),
        Set.of(),
        TenantLimits.NONE,
        UserRole.MEMBER);
  }

  private static final TenantContext SMART = tenant(true, true, Set.of(), "u1");

  static ChatRequest request(
      String model,
      List<ChatMessage> messages,
      boolean tools,
      String responseFormat,
      Integer maxTokens)
      throws Exception {
    return new ChatRequest(
        model,
        messages,
        false,
        false,
        maxTokens,
        null,
        null,
        null,
        null,
        tools
            ? List.of(
                new ToolDefinition(
                    "lookup", "Looks up an order", JSON.readTree("{\"type\":\"object\"}"), null))
            : List.of(),
        null,
        responseFormat == null ? null : JSON.readTree(responseFormat),
        null);
  }

  static List<ChatMessage> say(String text) {
    return List.of(ChatMessage.text(Role.USER, text));
  }

  private RoutePlan plan(ChatRequest request, TenantContext tenant) {
    return planner.plan(new RouteRequest(request, true, List.of(), tenant, null, null));
  }

  @Test
  void aSimpleQuestionIsDowngradedToTheCheapestFittingModelAndKeepsTheRequestedAsFallback()
      throws Exception {
    RoutePlan plan = plan(request("gpt-big", say("hi, how are you?"), false, null, null), SMART);
    assertEquals("gpt-tiny", plan.primary().model().id());
    assertEquals(RouteMode.SMART, plan.primary().mode());
    assertEquals("gpt-big", plan.candidates().get(1).model().id());
    assertEquals("claude-big", plan.candidates().get(2).model().id(), "the model's own fallback");
    assertTrue(plan.detail().contains("smart: chat"), plan.detail());
  }

  @Test
  void withoutTheOrgSwitchOrTheBodyFlagTheRequestedModelIsHonouredExactly() throws Exception {
    ChatRequest hello = request("gpt-big", say("hi"), false, null, null);
    RoutePlan off = plan(hello, tenant(true, false, Set.of(), "u1"));
    assertEquals("gpt-big", off.primary().model().id());
    assertTrue(off.detail().contains("smart_routing ignored"), off.detail());
    RoutePlan notAsked = planner.plan(new RouteRequest(hello, false, List.of(), SMART, null, null));
    assertEquals(RouteMode.PASSTHROUGH, notAsked.primary().mode());
    assertEquals("gpt-big", notAsked.primary().model().id());
  }

  @Test
  void downgradesNeverDropACapabilityTheRequestUses() throws Exception {
    assertEquals(
        "gpt-small",
        plan(request("gpt-big", say("what is my order status?"), true, null, null), SMART)
            .primary()
            .model()
            .id(),
        "tools: tiny has none");
    assertEquals(
        "gpt-small",
        plan(
                request(
                    "gpt-big",
                    say("extract the name"),
                    false,
                    "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}}",
                    null),
                SMART)
            .primary()
            .model()
            .id(),
        "json schema: tiny has none");
    List<ChatMessage> image =
        List.of(
            new ChatMessage(
                Role.USER,
                List.of(
                    new ContentPart.Text("what is in this picture?"),
                    new ContentPart.Image("https://example.com/cat.png", null)),
                false,
                List.of(),
                null,
                null));
    assertEquals(
        "gpt-big",
        plan(request("gpt-big", image, false, null, null), SMART).primary().model().id(),
        "vision: neither small model has it");
    String document = "Summarise this for me please. " + "lorem ipsum dolor sit amet ".repeat(3000);
    RoutePlan longOne = plan(request("gpt-big", say(document), false, null, null), SMART);
    assertEquals("gpt-small", longOne.primary().model().id(), "~20k tokens do not fit tiny's 16k");
    assertEquals(
        "gpt-small",
        plan(request("gpt-big", say("hello"), false, null, 4000), SMART).primary().model().id(),
        "tiny's max-output-tokens is 1000");
  }

  @Test
  void noRandomRequestIsEverSentToAModelLackingWhatItUses() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 400; i++) {
      boolean tools = random.nextBoolean();
      boolean vision = random.nextInt(4) == 0;
      String format = random.nextInt(3) == 0 ? "{\"type\":\"json_object\"}" : null;
      int words = random.nextInt(4) == 0 ? 4000 + random.nextInt(30_000) : 5;
      Integer maxTokens = random.nextInt(3) == 0 ? 200 + random.nextInt(3000) : null;
      List<ContentPart> parts = new ArrayList<>();
      parts.add(new ContentPart.Text("hello ".repeat(words)));
      if (vision) {
        parts.add(new ContentPart.Image("https://example.com/x.png", null));
      }
      ChatRequest request =
          request(
              random.nextBoolean() ? "gpt-big" : "auto",
              List.of(new ChatMessage(Role.USER, parts, false, List.of(), null, null)),
              tools,
              format,
              maxTokens);
      RoutePlan plan = plan(request, SMART);
      RequestNeeds needs = RequestNeeds.of(request, plan.classification());
      for (Candidate c : plan.candidates()) {
        if (c.mode() == RouteMode.SMART
            || c.mode() == RouteMode.AUTO
            || c.reason().startsWith("auto")
            || c.reason().equals("default fallback")) {
          ModelConfig facts = c.model().facts();
          assertTrue(
              needs.unmetBy(c.model()).isEmpty(),
              c.model().id() + " " + needs + " " + facts.capabilities() + " " + plan.detail());
        }
      }
    }
  }

  @Test
  void autoPicksTheCheapestStrongEnoughModelWithinBudget() throws Exception {
    RoutePlan chat = plan(request("auto", say("hello there"), false, null, null), SMART);
    assertEquals("gpt-tiny", chat.primary().model().id());
    assertEquals(RouteMode.AUTO, chat.primary().mode());
    RoutePlan reasoning =
        plan(
            request(
                "auto",
                say(
                    "Think it through step by step: should we migrate to Kafka? Weigh the"
                        + " trade-offs."),
                false,
                null,
                null),
            SMART);
    assertEquals("gpt-big", reasoning.primary().model().id(), reasoning.detail());
    RoutePlan broke =
        planner.plan(
            new RouteRequest(
                request(
                    "auto",
                    say(
                        "Think it through step by step: should we migrate to Kafka? Weigh the"
                            + " trade-offs."),
                    false,
                    null,
                    null),
                false,
                List.of(),
                SMART,
                null,
                0.001));
    assertEquals(
        "gpt-small", broke.primary().model().id(), "strongest affordable tier, then cheapest");
    assertTrue(broke.detail().contains("budget-constrained"), broke.detail());
    GatewayException off =
        assertThrows(
            RequestRefusedException.class,
            () ->
                plan(
                    request("auto", say("hi"), false, null, null),
                    tenant(false, true, Set.of(), "u")));
    assertEquals(403, off.status());
  }

  @Test
  void autoOnlyConsidersModelsTheTenantMayUse() throws Exception {
    TenantContext onlyClaude = tenant(true, true, Set.of("claude-big", "claude-small"), "u");
    RoutePlan plan = plan(request("auto", say("hello"), false, null, null), onlyClaude);
    assertEquals("claude-small", plan.primary().model().id());
  }

  @Test
  void theAbSplitFollowsItsWeightsWithinFivePercentAndIsStickyPerUser() throws Exception {
    ChatRequest request = request("claude-small", say("hello"), false, null, null);
    int gpt = 0;
    for (int u = 0; u < 1000; u++) {
      TenantContext user = tenant(true, true, Set.of(), "user-" + u);
      RoutePlan plan = plan(request, user);
      String arm = plan.abArm().orElseThrow().arm();
      assertEquals(arm, plan.primary().model().id());
      if (arm.equals("gpt-small")) {
        gpt++;
      }
      for (int again = 0; again < 3; again++) {
        assertEquals(arm, plan(request, user).abArm().orElseThrow().arm(), "sticky");
      }
    }
    assertTrue(Math.abs(gpt / 1000.0 - 0.30) <= 0.05, "gpt arm share " + gpt / 1000.0);
  }

  @Test
  void fallbacksComeFromTheBodyThenTheOrgThenTheModelAndSkipUnfitOnes() throws Exception {
    OrgRoutingPolicy policy =
        new OrgRoutingPolicy(List.of("gpt-tiny", "claude-small"), List.of(), null);
    RoutePlan plan =
        planner.plan(
            new RouteRequest(
                request("gpt-big", say("q"), true, null, null),
                false,
                List.of("gpt-small"),
                SMART,
                policy,
                null));
    assertEquals(
        List.of("gpt-big", "gpt-small", "claude-small", "claude-big"),
        plan.candidates().stream().map(c -> c.model().id()).toList());
    assertTrue(plan.detail().contains("fallback gpt-tiny skipped: no tools"), plan.detail());
  }
}
