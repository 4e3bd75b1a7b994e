package ai.hyperion.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ChatRequest;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.Provider;
import ai.hyperion.provider.ProviderException;
import ai.hyperion.provider.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class AttemptExecutorTest {

  private final List<String> called = new ArrayList<>();

  private Attempt attempt(String name, RouteMode mode) {
    Provider provider =
        new Provider() {
          @Override
          public String name() {
            return name + "-provider";
          }

          @Override
          public CompletionStage<ChatResponse> chat(ChatRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public CompletionStage<Flow.Publisher<StreamEvent>> stream(ChatRequest request) {
            throw new UnsupportedOperationException();
          }
        };
    return new Attempt(
        new CatalogModel(name, name + "-provider", name, null, true), provider, mode);
  }

  private CompletionStage<String> outcome(Attempt attempt, ProviderException failure) {
    called.add(attempt.model().id());
    return failure == null
        ? CompletableFuture.completedFuture(attempt.model().id())
        : CompletableFuture.failedFuture(failure);
  }

  @Test
  void retryableFailureMovesToTheNextAttemptAndRecordsWhatServed() throws Exception {
    Exchange exchange = new Exchange(false);
    AttemptPlan plan =
        new AttemptPlan(
            List.of(attempt("a", RouteMode.PASSTHROUGH), attempt("b", RouteMode.FALLBACK)));
    ProviderException overloaded =
        new ProviderException(503, "upstream_error", "overloaded", null, "busy", true);

    String served =
        new AttemptExecutor()
            .execute(
                exchange, plan, a -> outcome(a, a.model().id().equals("a") ? overloaded : null))
            .toCompletableFuture()
            .get();

    assertEquals("b", served);
    assertEquals(List.of("a", "b"), called);
    assertEquals("b", exchange.servedModel());
    assertEquals(RouteMode.FALLBACK, exchange.routeMode());
    assertEquals(true, exchange.timings().containsKey(Stage.UPSTREAM));
  }

  @Test
  void nonRetryableFailureIsReturnedWithoutTryingFallbacks() {
    Exchange exchange = new Exchange(false);
    AttemptPlan plan =
        new AttemptPlan(
            List.of(attempt("a", RouteMode.PASSTHROUGH), attempt("b", RouteMode.FALLBACK)));
    ProviderException badRequest =
        new ProviderException(
            400, "invalid_request_error", "context_length_exceeded", "messages", "too long", false);

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                new AttemptExecutor()
                    .execute(exchange, plan, a -> outcome(a, badRequest))
                    .toCompletableFuture()
                    .get());

    assertSame(badRequest, e.getCause());
    assertEquals(List.of("a"), called);
  }

  @Test
  void whenEveryAttemptFailsTheLastFailureIsReported() {
    Exchange exchange = new Exchange(false);
    AttemptPlan plan =
        new AttemptPlan(
            List.of(attempt("a", RouteMode.PASSTHROUGH), attempt("b", RouteMode.FALLBACK)));
    ProviderException first =
        new ProviderException(429, "rate_limit_exceeded", null, null, "first", true);
    ProviderException last = new ProviderException(502, "upstream_error", null, null, "last", true);

    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                new AttemptExecutor()
                    .execute(
                        exchange, plan, a -> outcome(a, a.model().id().equals("a") ? first : last))
                    .toCompletableFuture()
                    .get());

    assertSame(last, e.getCause());
    assertEquals("b", exchange.servedModel());
  }
}
