package ai.hyperion.routing;

import ai.hyperion.config.RetryConfig;
import ai.hyperion.error.ProviderException;
import ai.hyperion.routing.resilience.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a request's candidates in order with bounded retries, never blocking a thread:
 *
 * <ul>
 *   <li>each attempt leases a deployment and key ({@link DeploymentBalancer}); a candidate with
 *       none available (breakers open, keys cooling) is skipped without an upstream call;
 *   <li>a caller error (400, 404, ...) ends the request at once;
 *   <li>a key refusal (401/403) or a 429 with another key free is retried at once on another key;
 *   <li>a 429, 5xx, timeout or refused connection is retried after {@link Backoff} (honouring
 *       {@code Retry-After}, or going to the next candidate when the wait is too long), avoiding
 *       the failed deployment when the model has another;
 *   <li>at most {@code max-retries} retries per candidate: a request makes at most {@code Σ (1 +
 *       max-retries)} upstream calls, and none to a deployment whose breaker is open.
 * </ul>
 *
 * A stream counts as served once its upstream accepted it (the call's stage completed): no byte has
 * reached the client before a retry or fallback. The lease stays open until {@code settled}
 * completes (a stream's end), so in-flight counts and the breaker see the whole stream.
 */
public final class AttemptRunner {

  /** Makes one upstream call for a candidate with a leased deployment and key. */
  @FunctionalInterface
  public interface Call<T> {
    CompletionStage<T> call(Candidate candidate, Lease lease);
  }

  /** One upstream call (or skipped candidate) of a request, for logs and the completion event. */
  public record AttemptRecord(String model, String deployment, String key, String outcome) {}

  /** The served result with the candidate and lease that served it and every attempt made. */
  public record Served<T>(
      T value, Candidate candidate, Lease lease, List<AttemptRecord> attempts) {}

  private final DeploymentBalancer balancer;
  private final Executor delayedOn;

  public AttemptRunner(DeploymentBalancer balancer, Executor delayedOn) {
    this.balancer = balancer;
    this.delayedOn = delayedOn;
  }

  /**
   * Runs the candidates. {@code settled} maps a successful result to the stage that completes when
   * it has been delivered (a completed stage for a whole answer, the stream's end for a stream).
   */
  public <T> CompletionStage<Served<T>> run(
      List<Candidate> candidates,
      String fingerprint,
      Call<T> call,
      Function<T, CompletionStage<?>> settled) {
    Run<T> run = new Run<>(candidates, fingerprint, call, settled);
    run.attempt(0, 0);
    return run.result;
  }

  private final class Run<T> {
    final List<Candidate> candidates;
    final String fingerprint;
    final Call<T> call;
    final Function<T, CompletionStage<?>> settled;
    final CompletableFuture<Served<T>> result = new CompletableFuture<>();
    final List<AttemptRecord> attempts = new ArrayList<>();
    final Set<String> failedDeployments = new HashSet<>();
    Throwable lastFailure;

    Run(
        List<Candidate> candidates,
        String fingerprint,
        Call<T> call,
        Function<T, CompletionStage<?>> settled) {
      this.candidates = candidates;
      this.fingerprint = fingerprint;
      this.call = call;
      this.settled = settled;
    }

    void attempt(int index, int retry) {
      if (index >= candidates.size()) {
        result.completeExceptionally(
            lastFailure != null ? lastFailure : unavailable(candidates, attempts));
        return;
      }
      Candidate candidate = candidates.get(index);
      Optional<Lease> leased = balancer.acquire(candidate, fingerprint, failedDeployments);
      if (leased.isEmpty()) {
        attempts.add(new AttemptRecord(candidate.model().id(), null, null, "unavailable"));
        attempt(index + 1, 0);
        return;
      }
      Lease lease = leased.get();
      CompletionStage<T> stage;
      try {
        stage = withFirstByteTimeout(call.call(candidate, lease), lease);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      stage.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              served(candidate, lease, value);
            } else {
              failed(index, retry, candidate, lease, failure);
            }
          });
    }

    void served(Candidate candidate, Lease lease, T value) {
      lease.firstByte();
      record(candidate, lease, "ok");
      CompletionStage<?> done;
      try {
        done = settled.apply(value);
      } catch (RuntimeException e) {
        done = CompletableFuture.failedFuture(e);
      }
      done.whenComplete(
          (ignored, failure) -> {
            if (failure == null) {
              lease.succeeded(Lease.NO_HEADERS);
            } else {
              lease.failed(failure, Lease.NO_HEADERS);
            }
          });
      result.complete(new Served<>(value, candidate, lease, List.copyOf(attempts)));
    }

    void failed(int index, int retry, Candidate candidate, Lease lease, Throwable failure) {
      lease.failed(failure, Lease.NO_HEADERS);
      FailureKind kind = FailureKind.of(failure);
      lastFailure = FailureKind.unwrap(failure);
      record(candidate, lease, kind.name().toLowerCase(Locale.ROOT));
      if (kind == FailureKind.CALLER_ERROR) {
        result.completeExceptionally(lastFailure);
        return;
      }
      if (kind == FailureKind.UPSTREAM_FAILURE) {
        failedDeployments.add(lease.deployment().id());
      }
      RetryConfig retries = lease.deployment().settings().retry();
      Backoff backoff = new Backoff(retries);
      int next = retry + 1;
      if (next > backoff.maxRetries() || (retries.unreachableOnly() && !unreachable(failure))) {
        attempt(index + 1, 0);
        return;
      }
      boolean otherKeyNow =
          (kind == FailureKind.KEY_REJECTED || kind == FailureKind.RATE_LIMITED)
              && balancer.available(candidate);
      if (otherKeyNow) {
        attempt(index, next);
        return;
      }
      Optional<Duration> wait = backoff.delay(next, lease.retryAfter(failure));
      if (wait.isEmpty()) {
        attempt(index + 1, 0);
        return;
      }
      CompletableFuture.delayedExecutor(wait.get().toMillis(), TimeUnit.MILLISECONDS, delayedOn)
          .execute(() -> attempt(index, next));
    }

    void record(Candidate candidate, Lease lease, String outcome) {
      synchronized (attempts) {
        attempts.add(
            new AttemptRecord(
                candidate.model().id(), lease.deployment().id(), lease.key().label(), outcome));
      }
    }
  }

  private static boolean unreachable(Throwable failure) {
    return FailureKind.unwrap(failure) instanceof ProviderException p
        && ProviderException.UNREACHABLE.equals(p.code());
  }

  private static <T> CompletionStage<T> withFirstByteTimeout(
      CompletionStage<T> stage, Lease lease) {
    Double seconds = lease.deployment().settings().firstByteTimeoutSeconds();
    if (seconds == null) {
      return stage;
    }
    String provider = lease.deployment().provider();
    return stage
        .toCompletableFuture()
        .orTimeout((long) (seconds * 1000), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            failure ->
                FailureKind.unwrap(failure) instanceof TimeoutException
                    ? CompletableFuture.failedFuture(ProviderException.timeout(provider))
                    : CompletableFuture.failedFuture(failure));
  }

  private static ProviderException unavailable(
      List<Candidate> candidates, List<AttemptRecord> attempts) {
    return new ProviderException(
        503,
        "upstream_error",
        "upstream_unavailable",
        null,
        "No deployment of "
            + candidates.stream().map(c -> c.model().id()).toList()
            + " can take a call now (circuit breakers open or every key cooling down).",
        true);
  }
}
