package ai.hyperion.gateway;

import ai.hyperion.error.ProviderException;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.GatewayError;
import ai.hyperion.pipeline.RequestTrace;
import ai.hyperion.pipeline.Stage;
import ai.hyperion.provider.StreamEvent;
import ai.hyperion.provider.UpstreamTrace;
import ai.hyperion.routing.Attempt;
import ai.hyperion.routing.AttemptRunner;
import ai.hyperion.routing.Candidate;
import ai.hyperion.routing.RoutePlan;
import ai.hyperion.routing.resilience.IdleTimeout;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Stage 5 as the pipeline sees it: runs a route plan through routing's {@link AttemptRunner}
 * (leases, bounded retries, backoff, breakers, key pools, fallbacks) and records each upstream call
 * in the exchange (attempt records, which deployment and model served and how), timed as the
 * upstream stage. A fallback is logged and counted, since it hides the primary's failure from the
 * client. For a stream, {@code settled} gives the stage that completes at its end, so the lease
 * (in-flight counts, breaker) covers the whole stream; a stream is never restarted once it served.
 */
@ApplicationScoped
public class AttemptExecutor {

  private static final Logger LOG = Logger.getLogger(AttemptExecutor.class.getName());

  private GatewayMetrics metrics;
  private AttemptRunner runner;

  /** Runs idle-timeout timers of streams; null (no idle timeout) outside a server. */
  @Resource ManagedScheduledExecutorService scheduler;

  protected AttemptExecutor() {}

  @Inject
  public AttemptExecutor(GatewayMetrics metrics, AttemptRunner runner) {
    this.metrics = metrics;
    this.runner = runner;
  }

  /** Runs a plan whose results are whole as soon as they arrive. */
  public <T> CompletionStage<T> execute(
      Exchange exchange, RoutePlan plan, Function<Attempt, CompletionStage<T>> call) {
    return execute(exchange, plan, call, result -> CompletableFuture.completedFuture(null));
  }

  public <T> CompletionStage<T> execute(
      Exchange exchange,
      RoutePlan plan,
      Function<Attempt, CompletionStage<T>> call,
      Function<T, CompletionStage<?>> settled) {
    return exchange.timedAsync(
        Stage.UPSTREAM,
        () ->
            runner
                .run(
                    plan.candidates(),
                    plan.fingerprint(),
                    (candidate, lease) -> {
                      Attempt attempt =
                          new Attempt(
                              candidate.model(),
                              lease.deployment(),
                              lease.key().secret(),
                              candidate.mode());
                      return recorded(exchange, attempt, call);
                    },
                    settled)
                .thenApply(
                    served -> {
                      Candidate primary = plan.primary();
                      if (served.candidate() != primary) {
                        String from = primary.model().id();
                        String to = served.candidate().model().id();
                        LOG.info(
                            () ->
                                exchange.requestId()
                                    + ": served by "
                                    + to
                                    + " instead of "
                                    + from
                                    + " after "
                                    + served.attempts());
                        metrics.fallback(
                            primary.model().provider(), served.lease().deployment().provider());
                      }
                      return served.value();
                    }));
  }

  /**
   * The upstream's events, failing with a retryable timeout when the deployment's {@code
   * idle-timeout-seconds} pass without an event (the upstream stalled mid-stream).
   */
  public Flow.Publisher<StreamEvent> idleWatched(
      Flow.Publisher<StreamEvent> events, Attempt attempt) {
    Double seconds = attempt.deployment().settings().idleTimeoutSeconds();
    if (seconds == null || scheduler == null) {
      return events;
    }
    String provider = attempt.deployment().provider();
    Duration idle = Duration.ofMillis((long) (seconds * 1000));
    return new IdleTimeout<>(
        events, idle, scheduler, () -> ProviderException.idleTimeout(provider, idle));
  }

  /**
   * When a served result is settled: a whole answer at once; a stream at its end, failed when the
   * upstream failed it (counted by the deployment's breaker), not when the client went away.
   */
  public static CompletionStage<?> streamEnd(ChatResult result) {
    if (!(result instanceof ChatResult.Streaming streaming)) {
      return CompletableFuture.completedFuture(null);
    }
    return streaming
        .ending()
        .ended()
        .thenCompose(
            end ->
                end.failure() != null && !end.clientDisconnected()
                    ? CompletableFuture.failedFuture(end.failure())
                    : CompletableFuture.completedFuture(end));
  }

  private static <T> CompletionStage<T> recorded(
      Exchange exchange, Attempt attempt, Function<Attempt, CompletionStage<T>> call) {
    long start = System.nanoTime();
    String provider = attempt.deployment().provider();
    exchange.servedBy(provider, attempt.model().id(), attempt.mode());
    RequestTrace trace = exchange.trace();
    RequestTrace.Attempt span =
        trace == null ? null : trace.attempt(provider, attempt.model().id(), attempt.mode());
    CompletionStage<T> stage;
    try {
      stage =
          span == null
              ? call.apply(attempt)
              : UpstreamTrace.with(span.traceparent(), () -> call.apply(attempt));
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.whenComplete(
        (result, failure) -> {
          long nanos = System.nanoTime() - start;
          AttemptRecord record;
          if (failure == null) {
            exchange.servedBy(provider, attempt.model().id(), attempt.mode());
            record =
                new AttemptRecord(provider, attempt.model().id(), attempt.mode(), 200, null, nanos);
          } else {
            GatewayError error = GatewayError.of(GatewayError.unwrap(failure));
            record =
                new AttemptRecord(
                    provider,
                    attempt.model().id(),
                    attempt.mode(),
                    error.status(),
                    error.code(),
                    nanos);
          }
          exchange.attempted(record);
          if (span != null) {
            span.end(record);
          }
        });
  }
}
