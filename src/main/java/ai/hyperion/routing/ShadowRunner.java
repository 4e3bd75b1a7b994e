package ai.hyperion.routing;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletionStage;
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
 * <p>Until the executor is re-seated on leases, shadow calls go through the provider adapter of the
 * shadow model's provider; without a {@link ShadowComparer.Pricing} bean (metering provides it)
 * shadow cost is not recorded.
 */
@ApplicationScoped
public class ShadowRunner {

  @Inject RoutingPolicyService store;
  @Inject ProviderRegistry providers;
  @Inject Instance<ShadowComparer.Pricing> pricing;
  @Resource ManagedExecutorService executor;

  private ShadowComparer comparer;

  @PostConstruct
  void init() {
    comparer =
        new ShadowComparer(
            (model, request) -> {
              Deployment deployment = providers.usable(model.provider());
              return deployment.adapter().chat(request, deployment.keys().next());
            },
            pricing.isResolvable() ? pricing.get() : (model, usage) -> null,
            Clock.systemUTC());
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
