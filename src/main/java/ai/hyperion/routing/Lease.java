package ai.hyperion.routing;

import ai.hyperion.error.ProviderException;
import ai.hyperion.routing.resilience.RetryAfter;
import ai.hyperion.routing.resilience.UpstreamKeyPool.PooledKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One attempt's hold on a deployment and a key, from {@link DeploymentBalancer#acquire} until its
 * outcome is reported exactly once: {@link #succeeded}, {@link #failed} or {@link #abandoned}.
 * Reporting feeds the breaker, the key pool (429 cool-down, 401/403 removal, rate-limit headroom),
 * the latency EWMA and outlier ejection, and releases the in-flight counts.
 */
public final class Lease {

  /** No response headers to read. */
  public static final Function<String, Optional<String>> NO_HEADERS = name -> Optional.empty();

  private final DeploymentBalancer balancer;
  private final ModelDeployment deployment;
  private final PooledKey key;
  private final boolean affinityHit;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile long firstByteNanos;
  private volatile Duration reportedRetryAfter;

  Lease(
      DeploymentBalancer balancer, ModelDeployment deployment, PooledKey key, boolean affinityHit) {
    this.balancer = balancer;
    this.deployment = deployment;
    this.key = key;
    this.affinityHit = affinityHit;
  }

  public ModelDeployment deployment() {
    return deployment;
  }

  public PooledKey key() {
    return key;
  }

  /** Whether this attempt went where the request's prefix was bound. */
  public boolean affinityHit() {
    return affinityHit;
  }

  /**
   * The upstream's response headers, as soon as the call has them: its rate-limit headroom feeds
   * the key pool, and its {@code retry-after-ms}/{@code Retry-After} (millisecond precision) is
   * what a retry waits for. Call before reporting the outcome.
   */
  public void observe(Function<String, Optional<String>> headers) {
    deployment.keys().observe(key, headers);
    RetryAfter.from(headers, Clock.systemUTC()).ifPresent(wait -> reportedRetryAfter = wait);
  }

  /** The wait the upstream asked for: from {@link #observe} if reported, else the failure's. */
  Duration retryAfter(Throwable failure) {
    Duration reported = reportedRetryAfter;
    return reported != null ? reported : hintOf(failure);
  }

  /**
   * The upstream answered (headers of a stream, or a whole answer): latency is measured to here.
   */
  public void firstByte() {
    if (firstByteNanos == 0) {
      firstByteNanos = System.nanoTime();
    }
  }

  public void succeeded(Function<String, Optional<String>> headers) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    firstByte();
    deployment.breaker().onSuccess();
    deployment.keys().observe(key, headers);
    balancer.recordLatency(deployment, (firstByteNanos - startNanos) / 1e6);
    release();
  }

  public void failed(Throwable failure, Function<String, Optional<String>> headers) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    switch (FailureKind.of(failure)) {
      case RATE_LIMITED -> {
        deployment.breaker().onNeutral();
        deployment.keys().rateLimited(key, retryAfter(failure));
      }
      case KEY_REJECTED -> {
        deployment.breaker().onNeutral();
        deployment.keys().rejected(key, FailureKind.unwrap(failure).getMessage());
      }
      case UPSTREAM_FAILURE -> deployment.breaker().onFailure();
      case CALLER_ERROR -> deployment.breaker().onNeutral();
    }
    deployment.keys().observe(key, headers);
    release();
  }

  /** The attempt ended without a verdict on the deployment (cancelled by the client). */
  public void abandoned() {
    if (settled.compareAndSet(false, true)) {
      deployment.breaker().onNeutral();
      release();
    }
  }

  /**
   * The upstream's wait hint carried by the failure (a header, or a provider's error body such as
   * Gemini's RetryInfo), if any.
   */
  static Duration hintOf(Throwable failure) {
    return FailureKind.unwrap(failure) instanceof ProviderException p
            && p.retryAfterMillis() != null
        ? Duration.ofMillis(p.retryAfterMillis())
        : null;
  }

  private void release() {
    deployment.inFlight.decrementAndGet();
    deployment.keys().release(key);
  }
}
