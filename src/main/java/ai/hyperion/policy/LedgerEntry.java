package ai.hyperion.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One completed upstream attempt (or cache hit) as the usage ledger records it. {@code attempt} is
 * 0 for the first attempt of a request, 1 for its first fallback...; {@code (requestId, attempt)}
 * is the row's identity, so recording the same attempt twice keeps one row. {@code costNanos} is
 * what {@link PolicyEngine#settle} charged ({@link Settlement#costNanos()}); {@code priceSource}
 * says which price that was. {@code cacheOutcome} is "hit", "miss" or "bypass" (null when the cache
 * was not consulted); {@code cacheSavedNanos} what a hit saved (the upstream cost of the answer it
 * replayed), 0 otherwise. {@code routeMode} is how the attempt's model was chosen ({@code
 * passthrough}, {@code fallback}, {@code cache}, ...).
 */
public record LedgerEntry(
    String requestId,
    int attempt,
    String orgId,
    String teamId,
    String userId,
    String keyId,
    String modelRequested,
    String modelServed,
    String provider,
    int promptTokens,
    int completionTokens,
    int cachedTokens,
    long costNanos,
    long cacheSavedNanos,
    PriceSource priceSource,
    int status,
    boolean streamed,
    boolean disconnected,
    String cacheOutcome,
    String routeMode,
    long latencyMillis,
    Instant occurredAt) {

  public LedgerEntry {
    Objects.requireNonNull(requestId);
    Objects.requireNonNull(orgId);
    Objects.requireNonNull(priceSource);
    Objects.requireNonNull(occurredAt);
  }

  public String id() {
    return requestId + ":" + attempt;
  }
}
