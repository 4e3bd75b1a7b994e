package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Attempt plans, in particular for calls pinned to one upstream (dedicated endpoints). */
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

  private final ProviderRegistry providers =
      new ProviderRegistry(config(), HttpClient.newHttpClient());
  private final Router router = new Router(new ModelCatalog(config()), providers);

  private static GatewayConfig config() {
    return new GatewayConfigLoader(name -> Optional.empty())
        .load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)), "test");
  }

  private static ChatCall pinned(List<String> fallbacks) {
    return Calls.chat("whatever-the-client-sent", false, fallbacks).pinnedTo(ENDPOINT);
  }

  @Test
  void aPinnedCallIsOneDedicatedAttemptOnItsServerWithoutAKey() {
    AttemptPlan plan = router.plan(pinned(List.of()), Admission.UNLIMITED);

    assertEquals(1, plan.attempts().size(), "no shared model behind a private deployment");
    Attempt attempt = plan.attempts().get(0);
    assertEquals(RouteMode.DEDICATED, attempt.mode());
    assertEquals("acme/tiny-0.5b", attempt.model().id());
    assertEquals("acme/tiny-0.5b", attempt.model().upstreamModel());
    assertEquals("endpt-abc123def456", attempt.deployment().name());
    assertEquals("http://127.0.0.1:41001/v1", attempt.deployment().settings().baseUrl());
    assertNull(attempt.key(), "a dedicated server is called without an API key");
  }

  @Test
  void theSameBaseUrlReusesOneAdapterAndANewOneReplacesIt() {
    Attempt first = router.plan(pinned(List.of()), Admission.UNLIMITED).attempts().get(0);
    Attempt second = router.plan(pinned(List.of()), Admission.UNLIMITED).attempts().get(0);
    assertSame(first.deployment().adapter(), second.deployment().adapter());

    PinnedUpstream woken =
        new PinnedUpstream(
            ENDPOINT.name(), URI.create("http://127.0.0.1:41002/v1"), "acme/tiny-0.5b");
    Deployment moved = providers.pinned(woken);
    assertNotSame(first.deployment().adapter(), moved.adapter());
    assertEquals("http://127.0.0.1:41002/v1", moved.settings().baseUrl());
    assertSame(moved, providers.pinned(woken));
  }

  @Test
  void sharedModelsFollowOnlyWhenTheRequestNamesThemAndPassTheAllowList() {
    AttemptPlan plan = router.plan(pinned(List.of("small")), Admission.UNLIMITED);
    assertEquals(
        List.of(RouteMode.DEDICATED, RouteMode.FALLBACK),
        plan.attempts().stream().map(Attempt::mode).toList());
    assertEquals("backup", plan.attempts().get(1).deployment().name());

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

    AttemptPlan plan = router.plan(call, Admission.UNLIMITED);

    assertEquals("acme/tiny-0.5b", plan.attempts().get(0).model().id());
  }

  @Test
  void aPolicySignalDoesNotMoveAPinnedCallToASharedModel() {
    Admission budgetTight =
        new Admission() {
          @Override
          public Optional<PolicySignal> signal() {
            return Optional.of(new PolicySignal("small", "budget"));
          }

          @Override
          public void settle(Usage usage, String servedModel) {}

          @Override
          public void release() {}
        };

    AttemptPlan plan = router.plan(pinned(List.of()), budgetTight);

    assertEquals(1, plan.attempts().size());
    assertEquals(RouteMode.DEDICATED, plan.attempts().get(0).mode());
  }

  @Test
  void anUnpinnedCallIsRoutedAsBefore() {
    AttemptPlan plan = router.plan(Calls.chat("big", false, List.of("small")), Admission.UNLIMITED);
    assertEquals(
        List.of(RouteMode.PASSTHROUGH, RouteMode.FALLBACK),
        plan.attempts().stream().map(Attempt::mode).toList());
    assertEquals("sk-primary", plan.attempts().get(0).key().value());
  }
}
