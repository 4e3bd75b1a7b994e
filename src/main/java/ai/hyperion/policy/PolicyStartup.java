package ai.hyperion.policy;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * At start-up (after the schema migration): builds the policy store, publishes the policy and
 * ledger counters as metrics, and refreshes the budget snapshot every {@code
 * hyperion.policy.budget-refresh-seconds} (15) so admin changes made on other instances apply.
 */
@ApplicationScoped
public class PolicyStartup {

  @Inject PolicyEngine engine;
  @Inject PolicyCounters counters;
  @Inject BudgetDirectory budgets;
  @Inject UsageLedger ledger;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "hyperion.policy.budget-refresh-seconds", defaultValue = "15")
  long refreshSeconds;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    gauge("hyperion_policy_admitted_total", counters.admitted);
    gauge("hyperion_policy_rate_limited_total", counters.rateLimited);
    gauge("hyperion_policy_budget_refused_total", counters.budgetRefused);
    gauge("hyperion_policy_budget_fallbacks_total", counters.budgetFallbacks);
    gauge("hyperion_policy_unpriced_refused_total", counters.unpricedRefused);
    gauge("hyperion_policy_default_price_charges_total", counters.defaultPriced);
    gauge("hyperion_policy_requested_price_charges_total", counters.requestedPriced);
    gauge("hyperion_policy_duplicate_settlements_total", counters.duplicateSettlements);
    gauge("hyperion_policy_threshold_events_total", counters.thresholdEvents);
    gauge("hyperion_policy_store_unavailable_total", counters.storeUnavailable);
    gauge("hyperion_policy_store_outages_total", counters.storeOutages);
    gauge("hyperion_policy_replays_dropped_total", counters.replaysDropped);
    gauge("hyperion_policy_admitted_ahead_total", counters.admittedAhead);
    gauge("hyperion_policy_ahead_overshoots_total", counters.aheadOvershoots);
    LedgerWriter writer = ledger.writer();
    metrics.gauge("hyperion_ledger_written_total", writer, LedgerWriter::written);
    metrics.gauge("hyperion_ledger_dropped_total", writer, LedgerWriter::dropped);
    metrics.gauge("hyperion_ledger_failed_writes_total", writer, LedgerWriter::failedWrites);
    metrics.gauge("hyperion_ledger_queued", writer, LedgerWriter::queued);
    budgets.refresh();
    scheduler.scheduleWithFixedDelay(
        budgets::refresh, refreshSeconds, refreshSeconds, TimeUnit.SECONDS);
  }

  private void gauge(String name, AtomicLong counter) {
    metrics.gauge(name, counter, AtomicLong::get);
  }
}
