package ai.hyperion.policy;

import ai.hyperion.auth.TenantContext;
import ai.hyperion.pipeline.AttemptRecord;
import ai.hyperion.pipeline.CacheStatus;
import ai.hyperion.pipeline.Exchange;
import ai.hyperion.pipeline.RequestCompleted;
import ai.hyperion.pipeline.RouteMode;
import ai.hyperion.provider.Usage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a completed request into its usage-ledger rows: one per upstream attempt (a fallback's
 * failed attempts with no tokens and their own status; the attempt that served with the usage the
 * provider reported, also after a client disconnect), or one row for a cache hit. Costs are priced
 * as the policy stage settles them ({@link PriceBook#chargeFor}), so the ledger and the budgets
 * agree. A request refused before any attempt (a limit, a bad request) writes no row.
 */
public final class LedgerRecorder {

  private final PriceBook prices;
  private final Clock clock;

  public LedgerRecorder(PriceBook prices, Clock clock) {
    this.prices = prices;
    this.clock = clock;
  }

  public List<LedgerEntry> entries(RequestCompleted completed) {
    Exchange exchange = completed.exchange();
    TenantContext tenant = exchange.tenant();
    if (tenant == null) {
      return List.of();
    }
    Instant now = clock.instant();
    String requested =
        exchange.requestedModel() != null ? exchange.requestedModel() : exchange.servedModel();
    List<AttemptRecord> attempts = completed.attempts();
    String cache = exchange.cacheStatus().headerValue();
    if (attempts.isEmpty()) {
      if (exchange.cacheStatus() != CacheStatus.HIT) {
        return List.of();
      }
      // Like the policy settlement: a cached answer bought no tokens.
      Usage usage = Usage.NONE;
      String served = exchange.servedModel() == null ? requested : exchange.servedModel();
      ModelPrice price = prices.chargeFor(served, requested).from(PriceSource.CACHE);
      return List.of(
          entry(
              completed,
              tenant,
              0,
              requested,
              served,
              exchange.provider(),
              usage,
              0,
              Math.round(exchange.cacheSavedCostUsd() * 1e9),
              price.source(),
              completed.status(),
              cache,
              RouteMode.CACHE,
              TimeUnit.NANOSECONDS.toMillis(exchange.elapsedNanos()),
              now));
    }
    List<LedgerEntry> entries = new ArrayList<>(attempts.size());
    for (int i = 0; i < attempts.size(); i++) {
      AttemptRecord attempt = attempts.get(i);
      boolean last = i == attempts.size() - 1;
      Usage usage = last && completed.usage() != null ? completed.usage() : Usage.NONE;
      ModelPrice price =
          attempt.mode() == RouteMode.DEDICATED
              ? PriceBook.dedicated(attempt.model())
              : prices.chargeFor(attempt.model(), requested);
      int status = last ? completed.status() : attempt.status();
      entries.add(
          entry(
              completed,
              tenant,
              i,
              requested,
              attempt.model(),
              attempt.provider(),
              usage,
              price.costNanos(usage),
              0,
              price.source(),
              status,
              cache,
              attempt.mode(),
              TimeUnit.NANOSECONDS.toMillis(last ? exchange.elapsedNanos() : attempt.nanos()),
              now));
    }
    return entries;
  }

  private static LedgerEntry entry(
      RequestCompleted completed,
      TenantContext tenant,
      int attempt,
      String requested,
      String served,
      String provider,
      Usage usage,
      long costNanos,
      long savedNanos,
      PriceSource source,
      int status,
      String cache,
      RouteMode mode,
      long latencyMillis,
      Instant now) {
    return new LedgerEntry(
        completed.exchange().requestId(),
        attempt,
        tenant.orgId(),
        tenant.teamId(),
        tenant.userId(),
        tenant.keyId(),
        requested,
        served,
        provider,
        usage.promptTokens(),
        usage.completionTokens(),
        usage.cachedTokens(),
        costNanos,
        savedNanos,
        source,
        status,
        completed.streamed(),
        completed.clientDisconnected(),
        cache,
        mode.headerValue(),
        latencyMillis,
        now);
  }
}
