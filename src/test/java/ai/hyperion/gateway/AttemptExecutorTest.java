package ai.hyperion.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.routing.Attempt;
import ai.hyperion.routing.AttemptPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class AttemptExecutorTest {

  private final List<String> called = new ArrayList<>();
  private final List<String> fallbacks = new ArrayList<>();
  private final AttemptExecutor executor =
      new AttemptExecutor(
          new GatewayMetrics() {
            @Override
            public void fallback(String fromProvider, String toProvider) {
              fallbacks.add(fromProvider + "->" + toProvider);
            }
          });

  private CompletionStage<String> outcome(Attempt attempt, ProviderException failure) {
    called.add(attempt.model().id());
    return failure == null
        ? CompletableFuture.completedFuture(attempt.model().id())
        : CompletableFuture.failedFuture(failure);
  }

  private static AttemptPlan plan() {
    return new AttemptPlan(
        List.of(
            TestPlans.attempt("a", RouteMode.PASSTHROUGH),
            TestPlans.attempt("b", RouteMode.FALLBACK)));
  }

  @Test
  void retryableFailureMovesToTheNextAttemptAndRecordsWhatServed() throws Exception {
    Exchange exchange = TestPlans.exchange();
    ProviderException overloaded =
        new ProviderException(503, "upstream_error", "overloaded", null, "busy", true);

    String served =
        executor
            .execute(
                exchange, plan(), a -> outcome(a, a.model().id().equals("a") ? overloaded : null))
            .toCompletableFuture()
            .get();

    assertEquals("b", served);
    assertEquals(List.of("a", "b"), called);
    assertEquals("b", exchange.servedModel());
    assertEquals(RouteMode.FALLBACK, exchange.routeMode());
    assertTrue(exchange.timings().containsKey(Stage.UPSTREAM));
    assertEquals(List.of("a-provider->b-provider"), fallbacks);
    List<AttemptRecord> attempts = exchange.attempts();
    assertEquals(2, attempts.size());
    assertEquals(503, attempts.get(0).status());
    assertEquals("overloaded", attempts.get(0).errorCode());
    assertEquals(200, attempts.get(1).status());
    assertEquals("b", attempts.get(1).model());
  }

  @Test
  void nonRetryableFailureIsReturnedWithoutTryingFallbacks() {
    Exchange exchange = TestPlans.exchange();
    ProviderException badRequest =
        new ProviderException(
            400, "invalid_request_error", "context_length_exceeded", "messages", "too long", false);

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                executor
                    .execute(exchange, plan(), a -> outcome(a, badRequest))
                    .toCompletableFuture()
                    .get());

    assertSame(badRequest, e.getCause());
    assertEquals(List.of("a"), called);
    assertEquals(List.of(), fallbacks);
    assertEquals(1, exchange.attempts().size());
  }

  @Test
  void whenEveryAttemptFailsTheLastFailureIsReported() {
    Exchange exchange = TestPlans.exchange();
    ProviderException first =
        new ProviderException(429, "rate_limit_exceeded", null, null, "first", true);
    ProviderException last = new ProviderException(502, "upstream_error", null, null, "last", true);

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                executor
                    .execute(
                        exchange,
                        plan(),
                        a -> outcome(a, a.model().id().equals("a") ? first : last))
                    .toCompletableFuture()
                    .get());

    assertSame(last, e.getCause());
    assertEquals("b", exchange.servedModel());
    assertEquals(
        List.of(429, 502), exchange.attempts().stream().map(AttemptRecord::status).toList());
  }

  @Test
  void anAttemptThatThrowsInsteadOfFailingItsStageIsStillReported() {
    Exchange exchange = TestPlans.exchange();
    IllegalStateException bug = new IllegalStateException("translator bug");

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                executor
                    .execute(
                        exchange,
                        plan(),
                        a -> {
                          throw bug;
                        })
                    .toCompletableFuture()
                    .get());

    assertSame(bug, e.getCause());
    assertEquals(500, exchange.attempts().get(0).status());
  }
}
