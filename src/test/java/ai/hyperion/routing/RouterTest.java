package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.config.GatewayConfig;
import ai.hyperion.config.GatewayConfigLoader;
import ai.hyperion.error.RequestRefusedException;
import ai.hyperion.pipeline.Admission;
import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.PinnedUpstream;
import ai.hyperion.pipeline.PolicySignal;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Usage;
import ai.hyperion.testing.Calls;
import ai.hyperion.testing.Tenants;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Route plans, in particular for calls pinned to one upstream (dedicated endpoints). */
class RouterTest {

  private static final String CATALOG =
      """
      providers:
        primary: {type: openai, base-url: "http://127.0.0.1:9/v1", api-keys: [sk-primary]}
        backup: {type: openai, base-url: "http://127.0.0.1:9/backup/v1", api-keys: [sk-backup]}
      models:
        - {id: big, provider: primary, upstream-model: big-2025}
        - {id: small, provider: backup, upstream-model: small-2025}
      """;

  private static final PinnedUpstream ENDPOINT =
      new PinnedUpstream(
          "endpt-abc123def456", URI.create("http://127.0.0.1:41001/v1"), "acme/tiny-0.5b");

  private final DeploymentRegistry deployments =
      new DeploymentRegistry(config(), Clock.systemUTC(), HttpClient.newHttpClient());
  private final Router router = router(deployments);

  private static Router router(DeploymentRegistry deployments) {
    GatewayConfig config = config();
    ModelCatalog catalog = new ModelCatalog(config);
    DeploymentBalancer balancer =
        new DeploymentBalancer(
            deployments,
            new PrefixAffinity(Duration.ofMinutes(5), 100, Clock.systemUTC()),
            config.routing().balancer(),
            Clock.systemUTC());
    return new Router(
        catalog,
        deployments,
        new RoutePlanner(config, catalog, balancer),
        org -> OrgRoutingPolicy.NONE);
  }

  private static GatewayConfig config() {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
  }

  private static ChatCall pinned(List<String> fallbacks) {
    return Calls.chat("whatever-the-client-sent", false, fallbacks).pinnedTo(ENDPOINT);
  }

  @Test
  void aPinnedCallIsOneDedicatedCandidateOnItsServerWithoutAKey() {
    RoutePlan plan = router.plan(pinned(List.of()), Admission.UNLIMITED);

    assertEquals(1, plan.candidates().size(), "no shared model behind a private deployment");
    Candidate candidate = plan.candidates().get(0);
    assertEquals(RouteMode.DEDICATED, candidate.mode());
    assertEquals("acme/tiny-0.5b", candidate.model().id());
    ModelDeployment deployment = candidate.pinned();
    assertEquals("acme/tiny-0.5b", deployment.upstreamModel());
    assertEquals("endpt-abc123def456", deployment.provider());
    assertEquals("http://127.0.0.1:41001/v1", deployment.baseUrl());
    assertNull(
        deployment.keys().acquire(null).orElseThrow().secret(),
        "a dedicated server is called without an API key");
    assertEquals(
        2,
        deployment.settings().retry().maxRetries(),
        "a refused connection to a just-woken endpoint is retried");
  }

  @Test
  void theSameBaseUrlReusesOneDeploymentAndANewOneReplacesIt() {
    ModelDeployment first = router.plan(pinned(List.of()), Admission.UNLIMITED).primary().pinned();
    ModelDeployment second = router.plan(pinned(List.of()), Admission.UNLIMITED).primary().pinned();
    assertSame(first, second);
    assertSame(first.adapter(), second.adapter());

    PinnedUpstream woken =
        new PinnedUpstream(
            ENDPOINT.name(), URI.create("http://127.0.0.1:41002/v1"), "acme/tiny-0.5b");
    ModelDeployment moved = deployments.pinned(woken);
    assertNotSame(first.adapter(), moved.adapter());
    assertEquals("http://127.0.0.1:41002/v1", moved.baseUrl());
    assertSame(moved, deployments.pinned(woken));
  }

  @Test
  void sharedModelsFollowOnlyWhenTheRequestNamesThemAndPassTheAllowList() {
    RoutePlan plan = router.plan(pinned(List.of("small")), Admission.UNLIMITED);
    assertEquals(
        List.of(RouteMode.DEDICATED, RouteMode.FALLBACK),
        plan.candidates().stream().map(Candidate::mode).toList());
    assertEquals("backup", plan.candidates().get(1).model().provider());

    ChatCall restricted = pinned(List.of("small"));
    restricted.exchange().tenant(Tenants.member("org", "prefix00", Set.of("big")));
    RequestRefusedException refused =
        assertThrows(
            RequestRefusedException.class, () -> router.plan(restricted, Admission.UNLIMITED));
    assertEquals(403, refused.status());
  }

  @Test
  void theEndpointsModelNeedsNoCatalogEntryNorAllowListEntry() {
    ChatCall call = pinned(List.of());
    call.exchange().tenant(Tenants.member("org", "prefix00", Set.of("big")));

    RoutePlan plan = router.plan(call, Admission.UNLIMITED);

    assertEquals("acme/tiny-0.5b", plan.primary().model().id());
  }

  @Test
  void aPolicySignalDoesNotMoveAPinnedCallToASharedModel() {
    RoutePlan plan = router.plan(pinned(List.of()), budgetTight("small"));

    assertEquals(1, plan.candidates().size());
    assertEquals(RouteMode.DEDICATED, plan.primary().mode());
  }

  @Test
  void aPolicySignalStartsAnUnpinnedPlanAtItsModelAsAFallback() {
    ChatCall call = Calls.chat("big", false, List.of("small"));
    RoutePlan plan = router.plan(call, budgetTight("small"));

    assertEquals("small", plan.primary().model().id());
    assertEquals(RouteMode.FALLBACK, plan.primary().mode());
    assertTrue(plan.detail().contains("policy: small (budget)"), plan.detail());
    assertTrue(call.exchange().routeDetail().contains("policy"), "the detail reaches the headers");
  }

  @Test
  void anUnpinnedCallIsRoutedAsBeforeAndClassified() {
    ChatCall call = Calls.chat("big", false, List.of("small"));
    RoutePlan plan = router.plan(call, Admission.UNLIMITED);
    assertEquals(
        List.of(RouteMode.PASSTHROUGH, RouteMode.FALLBACK),
        plan.candidates().stream().map(Candidate::mode).toList());
    assertEquals(plan.classification().intent().value(), call.exchange().intent());
    assertTrue(plan.detail().startsWith("intent="), plan.detail());
  }

  private static Admission budgetTight(String model) {
    return new Admission() {
      @Override
      public Optional<PolicySignal> signal() {
        return Optional.of(new PolicySignal(model, "budget"));
      }

      @Override
      public void settle(Usage usage, String servedModel) {}

      @Override
      public void release() {}
    };
  }
}
