package ai.hyperion.gateway;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.routing.Attempt;
import ai.hyperion.routing.AttemptPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Stage 5: runs an attempt plan. Each attempt is tried in order while the failure is retryable
 * (connection refused, timeout before the first byte, 429, 5xx, Anthropic 529); for streams an
 * attempt counts as successful once the upstream accepted it, so no byte has reached the client
 * before a fallback is taken. Records every attempt and which model served in the Exchange; a
 * fallback is logged and counted, since it hides the primary's failure from the client.
 */
@ApplicationScoped
public class AttemptExecutor {

  private static final Logger LOG = Logger.getLogger(AttemptExecutor.class.getName());

  private GatewayMetrics metrics;

  protected AttemptExecutor() {}

  @Inject
  public AttemptExecutor(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  public <T> CompletionStage<T> execute(
      Exchange exchange, AttemptPlan plan, Function<Attempt, CompletionStage<T>> call) {
    return exchange.timedAsync(Stage.UPSTREAM, () -> tryFrom(exchange, plan, 0, call));
  }

  private <T> CompletionStage<T> tryFrom(
      Exchange exchange, AttemptPlan plan, int index, Function<Attempt, CompletionStage<T>> call) {
    Attempt attempt = plan.attempts().get(index);
    long start = System.nanoTime();
    CompletionStage<T> stage;
    try {
      stage = call.apply(attempt);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage
        .handle(
            (result, failure) -> {
              long nanos = System.nanoTime() - start;
              exchange.servedBy(attempt.deployment().name(), attempt.model().id(), attempt.mode());
              if (failure == null) {
                exchange.attempted(record(attempt, 200, null, nanos));
                return CompletableFuture.completedFuture(result);
              }
              Throwable cause = GatewayError.unwrap(failure);
              GatewayError error = GatewayError.of(cause);
              exchange.attempted(record(attempt, error.status(), error.code(), nanos));
              boolean retryable = cause instanceof ProviderException p && p.retryable();
              if (retryable && index + 1 < plan.attempts().size()) {
                Attempt next = plan.attempts().get(index + 1);
                LOG.info(
                    () ->
                        exchange.requestId()
                            + ": "
                            + attempt.model().id()
                            + " on "
                            + attempt.deployment().name()
                            + " failed ("
                            + error.status()
                            + " "
                            + error.code()
                            + "), falling back to "
                            + next.model().id());
                metrics.fallback(attempt.deployment().name(), next.deployment().name());
                return tryFrom(exchange, plan, index + 1, call);
              }
              return CompletableFuture.<T>failedFuture(cause);
            })
        .thenCompose(Function.identity());
  }

  private static AttemptRecord record(Attempt attempt, int status, String code, long nanos) {
    return new AttemptRecord(
        attempt.deployment().name(), attempt.model().id(), attempt.mode(), status, code, nanos);
  }
}
