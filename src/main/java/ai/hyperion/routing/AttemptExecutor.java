package ai.hyperion.routing;

import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.ProviderException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Stage 5: runs an attempt plan. Each attempt is tried in order while the failure is retryable
 * (connection refused, timeout before the first byte, 429, 5xx, Anthropic 529); for streams an
 * attempt counts as successful once the upstream accepted it, so no byte has reached the client
 * before a fallback is taken. Records which model served in the Exchange.
 */
@ApplicationScoped
public class AttemptExecutor {

  private static final Logger LOG = Logger.getLogger(AttemptExecutor.class.getName());

  public <T> CompletionStage<T> execute(
      Exchange exchange, AttemptPlan plan, Function<Attempt, CompletionStage<T>> call) {
    long start = System.nanoTime();
    return tryFrom(exchange, plan, 0, call)
        .whenComplete(
            (result, failure) -> exchange.record(Stage.UPSTREAM, System.nanoTime() - start));
  }

  private <T> CompletionStage<T> tryFrom(
      Exchange exchange, AttemptPlan plan, int index, Function<Attempt, CompletionStage<T>> call) {
    Attempt attempt = plan.attempts().get(index);
    CompletionStage<T> stage;
    try {
      stage = call.apply(attempt);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage
        .thenApply(
            result -> {
              exchange.servedBy(attempt.provider().name(), attempt.model().id(), attempt.mode());
              return result;
            })
        .handle(
            (result, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(result);
              }
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              boolean retryable = cause instanceof ProviderException p && p.retryable();
              if (retryable && index + 1 < plan.attempts().size()) {
                LOG.fine(
                    () ->
                        exchange.requestId()
                            + ": "
                            + attempt.model().id()
                            + " failed ("
                            + cause.getMessage()
                            + "), falling back");
                return tryFrom(exchange, plan, index + 1, call);
              }
              exchange.servedBy(attempt.provider().name(), attempt.model().id(), attempt.mode());
              return CompletableFuture.<T>failedFuture(cause);
            })
        .thenCompose(Function.identity());
  }
}
