package ai.hyperion.routing;

import ai.hyperion.pipeline.ChatCall;
import ai.hyperion.pipeline.ChatResult;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.provider.ChatResponse;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Runs shadow comparisons after the primary answered, so they never delay or change it. A fixed
 * policy on one method, which is where MicroProfile Fault Tolerance fits: {@code @Asynchronous}
 * (the caller gets a stage at once), {@code @Bulkhead} (at most 4 shadows in flight and 32 waiting;
 * more fail fast with a {@code BulkheadException} and are dropped, so shadow traffic cannot crowd
 * out real traffic), {@code @Timeout} (a shadow call is abandoned after two minutes). The result is
 * stored on the managed executor (JDBC never runs on an HTTP selector thread).
 *
 * <p>A shadow call leases a deployment and key like any attempt (it is counted in flight and by the
 * breaker) but is never retried; without a {@link ShadowComparer.Pricing} bean (metering provides
 * it) shadow cost is not recorded.
 */
@ApplicationScoped
public class ShadowRunner {

  private static final Logger LOG = Logger.getLogger(ShadowRunner.class.getName());

  @Inject RoutingPolicyService store;
  @Inject DeploymentBalancer balancer;
  @Inject Instance<ShadowComparer.Pricing> pricing;
  @Inject Instance<ShadowRunner> self;
  @Resource ManagedExecutorService executor;

  private ShadowComparer comparer;

  @PostConstruct
  void init() {
    comparer =
        new ShadowComparer(
            (model, request) -> {
              Lease lease =
                  balancer
                      .acquire(model, null, Set.of())
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "no deployment of " + model.id() + " can take a call now"));
              ModelDeployment deployment = lease.deployment();
              return deployment
                  .adapter()
                  .chat(request.withModel(deployment.upstreamModel()), lease.key().secret())
                  .whenComplete(
                      (response, failure) -> {
                        if (failure == null) {
                          lease.succeeded(Lease.NO_HEADERS);
                        } else {
                          lease.failed(failure, Lease.NO_HEADERS);
                        }
                      });
            },
            pricing.isResolvable() ? pricing.get() : (model, usage) -> null,
            Clock.systemUTC());
  }

  /**
   * Once the primary answer is complete (a stream at its end), replays the request against {@code
   * target}. Nothing is chained onto the client's result: the shadow starts from the primary's own
   * completion callback and runs on the bulkhead's threads.
   */
  public void after(
      ChatCall call, RoutePlan plan, CatalogModel target, CompletionStage<ChatResult> primary) {
    long start = System.nanoTime();
    // On the managed executor: nothing of the shadow runs on the thread completing the client's
    // answer, however its callbacks are ordered.
    primary.whenCompleteAsync(
        (result, failure) -> {
          if (failure != null) {
            return;
          }
          if (result instanceof ChatResult.Complete complete) {
            submit(call, plan, target, complete.response(), start);
          } else if (result instanceof ChatResult.Streaming streaming) {
            streaming
                .ending()
                .ended()
                .thenAccept(
                    end -> {
                      if (end.complete() && end.answer() != null) {
                        submit(call, plan, target, end.answer(), start);
                      }
                    });
          }
        },
        shadowExecutor());
  }

  /** Where a finished primary's shadow is prepared: never the thread completing the answer. */
  Executor shadowExecutor() {
    return executor;
  }

  private void submit(
      ChatCall call, RoutePlan plan, CatalogModel target, ChatResponse answer, long start) {
    Exchange exchange = call.exchange();
    CatalogModel served =
        exchange.servedModel() == null
            ? plan.primary().model()
            : plan.candidates().stream()
                .map(Candidate::model)
                .filter(m -> m.id().equals(exchange.servedModel()))
                .findFirst()
                .orElse(plan.primary().model());
    if (served.id().equals(target.id())) {
      return;
    }
    ShadowJob job =
        new ShadowJob(
            exchange.tenant() == null ? null : exchange.tenant().orgId(),
            exchange.requestId(),
            call.request(),
            served,
            target,
            ShadowComparer.text(answer),
            (System.nanoTime() - start) / 1_000_000,
            answer.usage(),
            null);
    dispatch(job);
  }

  /** Hands a job to the bulkhead (through the CDI proxy, so the FT interceptors apply). */
  void dispatch(ShadowJob job) {
    try {
      self.get()
          .run(job)
          .exceptionally(
              failure -> {
                LOG.fine(() -> "shadow of " + job.requestId() + " dropped: " + failure);
                return null;
              });
    } catch (RuntimeException full) {
      LOG.fine(() -> "shadow of " + job.requestId() + " dropped: " + full);
    }
  }

  /** Compares one answered request with its shadow model and stores the result. */
  @Asynchronous
  @Bulkhead(value = 4, waitingTaskQueue = 32)
  @Timeout(value = 2, unit = ChronoUnit.MINUTES)
  public CompletionStage<ShadowResult> run(ShadowJob job) {
    return comparer
        .compare(job)
        .thenApplyAsync(
            result -> {
              store.saveShadowResult(result);
              return result;
            },
            executor);
  }
}
