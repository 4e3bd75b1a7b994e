package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.routing.AttemptRunner.Served;
import ai.hyperion.routing.ScriptedUpstream.Reply;
import ai.hyperion.routing.resilience.BreakerState;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, fallbacks, key pools and breakers against a scripted upstream on 127.0.0.1, counting the
 * calls each deployment and key received.
 */
class AttemptRunnerTest {

  private RoutingWorld world;

  private static final String YAML =
      """
      providers:
        pa:
          type: openai
          base-url: ${A}
          api-keys: [sk-a-key-one-00000000, sk-a-key-two-00000000]
          retry: {max-retries: 2, initial-backoff-ms: 10, max-backoff-ms: 40,
              max-retry-after-seconds: 2}
          breaker: {failure-threshold: 5, open-seconds: 30, half-open-probes: 1}
        pb:
          type: openai
          base-url: ${B}
          api-keys: [sk-b-key-one-00000000]
          retry: {max-retries: 1, initial-backoff-ms: 10, max-backoff-ms: 40}
          breaker: {failure-threshold: 3, open-seconds: 30, half-open-probes: 1}
      models:
        - {id: alpha, provider: pa, upstream-model: up-alpha}
        - {id: beta, provider: pb, upstream-model: up-beta}
      """;

  @AfterEach
  void close() {
    world.close();
  }

  private Served<ChatResponse> run(String... models) {
    List<Candidate> candidates = Arrays.stream(models).map(world::candidate).toList();
    return world
        .runner
        .run(candidates, null, world::call, r -> CompletableFuture.completedFuture(null))
        .toCompletableFuture()
        .orTimeout(20, TimeUnit.SECONDS)
        .join();
  }

  private Throwable failure(String... models) {
    try {
      run(models);
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("the request succeeded");
  }

  @Test
  void retriesAreBoundedPerModelThenTheFallbackServes() {
    world = new RoutingWorld(YAML);
    world.upstream.always("a", Reply.status(500, Map.of()));
    Served<ChatResponse> served = run("alpha", "beta");
    assertEquals("beta", served.candidate().model().id());
    assertEquals(3, world.upstream.count("a"), "one call and max-retries=2 retries");
    assertEquals(1, world.upstream.count("b"));
    assertEquals(4, served.attempts().size(), served.attempts().toString());
  }

  @Test
  void anUnreachableOnlyUpstreamIsRetriedWhenRefusedButNotWhenItAnswered500() {
    world =
        new RoutingWorld(
            YAML.replace("max-retries: 2,", "max-retries: 2, unreachable-only: true,"));
    List<String> refused = new CopyOnWriteArrayList<>();
    Served<String> served =
        world
            .runner
            .<String>run(
                List.of(world.candidate("alpha")),
                null,
                (candidate, lease) -> {
                  refused.add("call");
                  return refused.size() < 3
                      ? CompletableFuture.failedFuture(
                          ProviderException.unreachable("pa", new ConnectException()))
                      : CompletableFuture.completedFuture("ok");
                },
                r -> CompletableFuture.completedFuture(null))
            .toCompletableFuture()
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
    assertEquals("ok", served.value());
    assertEquals(3, refused.size(), "two refused connections retried");

    world.upstream.always("a", Reply.status(500, Map.of()));
    failure("alpha");
    assertEquals(1, world.upstream.count("a"), "an upstream that answered 500 is not retried");
  }

  @Test
  void aRetryWaitsAtLeastWhatRetryAfterMsSaid() {
    world = new RoutingWorld(YAML, true);
    world.upstream.script("b", Reply.status(429, Map.of("retry-after-ms", "400")), Reply.ok());
    Served<ChatResponse> served = run("beta");
    assertEquals("beta", served.candidate().model().id());
    var calls = world.upstream.calls;
    assertEquals(2, calls.size());
    long waitedMs = (calls.get(1).atNanos() - calls.get(0).atNanos()) / 1_000_000;
    // The adapter rounds retry-after-ms up to whole seconds today: 400 ms → 1 s.
    assertTrue(waitedMs >= 400, "waited " + waitedMs + " ms");
  }

  @Test
  void headersReportedByTheCallGiveRetryAfterMsItsMillisecondPrecision() {
    world = new RoutingWorld(YAML, true);
    List<Long> calls = new CopyOnWriteArrayList<>();
    Served<String> served =
        world
            .runner
            .<String>run(
                List.of(world.candidate("beta")),
                null,
                (candidate, lease) -> {
                  calls.add(System.nanoTime());
                  if (calls.size() == 1) {
                    lease.observe(h -> Optional.ofNullable(Map.of("retry-after-ms", "300").get(h)));
                    return CompletableFuture.failedFuture(
                        new ProviderException(
                                429,
                                "rate_limit_exceeded",
                                "rate_limit_exceeded",
                                null,
                                "slow down",
                                true)
                            .retryAfter(1));
                  }
                  return CompletableFuture.completedFuture("ok");
                },
                r -> CompletableFuture.completedFuture(null))
            .toCompletableFuture()
            .join();
    assertEquals("ok", served.value());
    long waitedMs = (calls.get(1) - calls.get(0)) / 1_000_000;
    assertTrue(waitedMs >= 300 && waitedMs < 900, "waited " + waitedMs + " ms, not a whole second");
  }

  @Test
  void aRetryAfterLongerThanTheGatewayWaitsGoesStraightToTheFallback() {
    world = new RoutingWorld(YAML);
    world.upstream.always("b", Reply.status(429, Map.of("retry-after", "120")));
    Served<ChatResponse> served = run("beta", "alpha");
    assertEquals("alpha", served.candidate().model().id());
    assertEquals(1, world.upstream.count("b"), "no retry into a two-minute wait");
  }

  @Test
  void aKeyRefusedWith401IsTakenOutAndNeverRetried() {
    world = new RoutingWorld(YAML);
    world.upstream.forKey("sk-a-key-two-00000000", Reply.status(401, Map.of()));
    for (int i = 0; i < 10; i++) {
      assertEquals("alpha", run("alpha").candidate().model().id());
    }
    assertEquals(1, world.upstream.countKey("sk-a-key-two-00000000"));
    assertEquals(10, world.upstream.countKey("sk-a-key-one-00000000"));
    var keys = world.registry.ofModel("alpha").get(0).keys().snapshot();
    assertNotNull(keys.get(1).removedReason(), keys.toString());
  }

  @Test
  void aKeyThatGot429CoolsDownForTheUpstreamsTimeThenReturns() {
    world = new RoutingWorld(YAML);
    world.upstream.script("a", Reply.status(429, Map.of("retry-after", "10")));
    run("alpha");
    String cooled = world.upstream.calls.get(0).key();
    for (int i = 0; i < 6; i++) {
      run("alpha");
    }
    assertEquals(1, world.upstream.countKey(cooled), "the cooling key got no call");
    world.clock.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 6; i++) {
      run("alpha");
    }
    assertTrue(world.upstream.countKey(cooled) > 1, "the key is back after its cool-down");
  }

  @Test
  void anOpenBreakerStopsCallsUntilItsProbeSucceeds() {
    world = new RoutingWorld(YAML);
    world.upstream.always("b", Reply.status(503, Map.of()));
    for (int i = 0; i < 20; i++) {
      Throwable failure = failure("beta");
      assertTrue(failure instanceof ProviderException, String.valueOf(failure));
    }
    // 3 consecutive failures open it: request 1 makes 2 calls, request 2 the third.
    assertEquals(3, world.upstream.count("b"), "no retry storm: 20 requests, 3 calls");
    ModelDeployment beta = world.registry.ofModel("beta").get(0);
    assertEquals(BreakerState.OPEN, beta.breaker().state());
    assertEquals("upstream_unavailable", ((ProviderException) failure("beta")).code());

    world.clock.advance(Duration.ofSeconds(30));
    world.upstream.always("b", Reply.ok());
    assertEquals("beta", run("beta").candidate().model().id());
    assertEquals(BreakerState.CLOSED, beta.breaker().state());
    assertEquals(4, world.upstream.count("b"), "one probe closed it");
  }

  @Test
  void aCallerErrorIsNeitherRetriedNorFallenBackFrom() {
    world = new RoutingWorld(YAML);
    world.upstream.script("a", new Reply(400, Map.of(), "error-400-context-length-exceeded.json"));
    Throwable failure = failure("alpha", "beta");
    assertEquals(400, ((ProviderException) failure).status());
    assertEquals(1, world.upstream.count("a"));
    assertEquals(0, world.upstream.count("b"));
  }
}
