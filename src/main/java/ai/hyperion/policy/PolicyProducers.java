package ai.hyperion.policy;

import ai.hyperion.persistence.Transactions;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.redisson.api.RedissonClient;

/**
 * Produces the policy stage's parts once, from MicroProfile Config:
 *
 * <ul>
 *   <li>{@code hyperion.policy.redis}: Redis URL ({@code redis://host:6379}); empty = the
 *       in-process store (one instance only);
 *   <li>{@code hyperion.policy.redis-failure}: {@code open} (default: admit by this instance's own
 *       limits while Redis is unreachable) or {@code closed} (refuse with 503);
 *   <li>{@code hyperion.policy.redis-timeout-millis} (500), {@code hyperion.policy.redis-prefix}
 *       ({@code hyperion:policy}), {@code hyperion.policy.redis-max-in-flight} (4 script calls
 *       outstanding; more operations wait and share the next call), {@code
 *       hyperion.policy.redis-admit-ahead} (64 reservations per instance granted from what Redis
 *       last reported, before its answer; 0 = every request waits for Redis; see {@link
 *       OptimisticPolicyStore} for the bound);
 *   <li>{@code hyperion.policy.reservation-timeout-seconds} (900): a reservation neither settled
 *       nor released is freed after this long (a crashed instance's in-flight slots come back).
 * </ul>
 */
@ApplicationScoped
public class PolicyProducers {

  private static final Logger LOG = Logger.getLogger(PolicyProducers.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  private final PolicyCounters counters = new PolicyCounters();
  private RedissonClient redisson;

  @Produces
  @Singleton
  PolicyCounters counters() {
    return counters;
  }

  @Produces
  @Singleton
  synchronized PolicyStore store() {
    Config config = ConfigProvider.getConfig();
    Optional<String> url =
        config.getOptionalValue("hyperion.policy.redis", String.class).filter(u -> !u.isBlank());
    LocalPolicyStore local = new LocalPolicyStore(Clock.systemUTC());
    if (url.isEmpty()) {
      LOG.info(
          "Policy limits and budgets are counted in this process (hyperion.policy.redis unset)");
      return local;
    }
    FailoverPolicyStore.Mode mode =
        FailoverPolicyStore.Mode.parse(
            config.getOptionalValue("hyperion.policy.redis-failure", String.class).orElse("open"));
    Duration timeout =
        Duration.ofMillis(
            config
                .getOptionalValue("hyperion.policy.redis-timeout-millis", Long.class)
                .orElse(500L));
    String prefix =
        config
            .getOptionalValue("hyperion.policy.redis-prefix", String.class)
            .orElse("hyperion:policy");
    int maxInFlight =
        config.getOptionalValue("hyperion.policy.redis-max-in-flight", Integer.class).orElse(4);
    redisson = RedissonClients.create(url.get(), timeout);
    LOG.info(
        () ->
            "Policy limits and budgets are shared through Redis at "
                + RedissonClients.display(url.get())
                + " (fail "
                + mode.name().toLowerCase(Locale.ROOT)
                + " when it is unreachable)");
    FailoverPolicyStore shared =
        new FailoverPolicyStore(
            new RedissonPolicyStore(redisson, prefix, Clock.systemUTC(), maxInFlight),
            local,
            mode,
            counters,
            scheduler,
            Duration.ofSeconds(1),
            Clock.systemUTC());
    int ahead =
        config.getOptionalValue("hyperion.policy.redis-admit-ahead", Integer.class).orElse(64);
    if (ahead <= 0) {
      return shared;
    }
    return new OptimisticPolicyStore(
        shared, ahead, Duration.ofSeconds(1), Clock.systemUTC(), counters);
  }

  void closeStore(@Disposes PolicyStore store) {
    store.close();
    if (redisson != null) {
      redisson.shutdown();
    }
  }

  @Produces
  @Singleton
  PolicyEngine engine(PolicyStore store, Event<BudgetThresholdCrossed> events) {
    long timeout =
        ConfigProvider.getConfig()
            .getOptionalValue("hyperion.policy.reservation-timeout-seconds", Long.class)
            .orElse(900L);
    return new PolicyEngine(
        store, Clock.systemUTC(), Duration.ofSeconds(timeout), events::fire, counters);
  }

  @Produces
  @Singleton
  BudgetDirectory budgets(Transactions transactions) {
    return new BudgetDirectory(transactions);
  }

  @Produces
  @Singleton
  BudgetService budgetService(
      Transactions transactions, BudgetDirectory directory, PolicyEngine engine) {
    return new BudgetService(transactions, directory, engine);
  }

  @Produces
  @Singleton
  UsageReports usageReports(Transactions transactions) {
    return new UsageReports(transactions, Clock.systemUTC());
  }

  @Produces
  @Singleton
  PolicyRequests requests(BudgetDirectory budgets, PriceBook prices, TokenEstimator estimator) {
    return new PolicyRequests(budgets, prices, estimator);
  }
}
