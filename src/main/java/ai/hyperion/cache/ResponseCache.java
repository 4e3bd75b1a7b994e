package ai.hyperion.cache;

import static ai.hyperion.cluster.HazelcastCompletions.relay;

import ai.hyperion.pipeline.CacheMode;
import ai.hyperion.provider.ChatResponse;
import ai.hyperion.provider.FinishReason;
import ai.hyperion.stream.AnswerCodec;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two-tier response cache. {@link #lookup} answers from the exact tier (a near-cached Hazelcast
 * map: a warm hit never leaves the JVM; a key {@link ExactKeys} never heard of is a miss without a
 * read), then, when enabled, from the semantic tier (embedding of the last user turn, nearest
 * neighbours of the same conversation, {@link PostMatchCheck}). {@link #store} writes a complete
 * answer back under the rules decided at lookup. Entries are partitioned by the organisation's
 * scope ({@link CacheScope}), so one tenant never reads another's.
 */
public class ResponseCache implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

  static final long FLUSH_SECONDS = 5;

  /** How often keys whose entries can no longer be served leave {@link ExactKeys}. */
  static final long SWEEP_SECONDS = 60;

  /** What became of a write-back. */
  public enum StoreResult {
    STORED,
    /** Not a complete, successful answer (or a tool call the organisation does not cache). */
    NOT_CACHEABLE,
    /** The cluster did not take the write (logged); the answer was served all the same. */
    FAILED
  }

  private final IMap<String, CachedAnswer> answers;
  private final ExactKeys keys;
  private final CachePolicies policies;
  private final CacheOptions options;
  private final Clock clock;
  private final CacheStats stats;
  private final CacheInventory inventory;
  private final SemanticTier semantic;

  /** One daemon thread: statistics flushes and entry-limit checks. */
  private final ScheduledExecutorService maintenance =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "hyperion-cache-maintenance");
            thread.setDaemon(true);
            return thread;
          });

  public ResponseCache(
      HazelcastInstance hazelcast,
      CachePolicies policies,
      Embedder embedder,
      CacheOptions options,
      Clock clock) {
    this.answers = hazelcast.getMap(CacheMaps.ANSWERS);
    this.keys = new ExactKeys(clock, options.maxTtlSeconds());
    keys.follow(answers, hazelcast.getCluster(), maintenance);
    this.policies = policies;
    this.semantic = new SemanticTier(hazelcast, embedder, clock);
    this.options = options;
    this.clock = clock;
    this.stats = new CacheStats(hazelcast);
    this.inventory = new CacheInventory(hazelcast, clock);
    maintenance.scheduleWithFixedDelay(
        this::flushStats, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    maintenance.scheduleWithFixedDelay(
        () -> keys.sweep(clock.millis()), SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
  }

  /** Looks the call up; never fails (a cache that cannot answer reports a bypass). */
  public CompletionStage<LookupResult> lookup(CacheQuery query) {
    if (query.mode() == CacheMode.BYPASS) {
      stats.bypass(query.orgId());
      return done(new LookupResult.Bypass("bypass", null));
    }
    CacheDirectives directives = CacheDirectives.parse(query.cacheControl());
    if (directives.noStore()) {
      stats.bypass(query.orgId());
      return done(new LookupResult.Bypass("no-store", null));
    }
    return policies
        .forOrg(query.orgId())
        .thenCompose(policy -> lookup(query, directives, policy))
        .exceptionally(
            failure -> {
              LOG.log(Level.WARNING, "Cache lookup failed; answering without the cache", failure);
              return new LookupResult.Bypass("unavailable", null);
            });
  }

  private CompletionStage<LookupResult> lookup(
      CacheQuery query, CacheDirectives directives, CachePolicy policy) {
    RequestFingerprint fingerprint = RequestFingerprint.of(query.model(), query.request());
    boolean useSemantic =
        fingerprint.semanticEligible()
            && (query.semantic() != null ? query.semantic() : policy.semanticEnabled());
    if (!policy.exactEnabled() && !useSemantic) {
      stats.bypass(query.orgId());
      return done(new LookupResult.Bypass("disabled", null));
    }
    String scopeTag = policy.scope().tag(query.orgId(), query.teamId(), query.keyId());
    WriteBack ticket =
        new WriteBack(
            scopeTag + "|" + fingerprint.exact(),
            query.orgId(),
            scopeTag,
            query.model(),
            ttlSeconds(query.ttlSeconds(), policy),
            policy.cacheToolCalls(),
            policy.maxEntries(),
            useSemantic ? fingerprint.conversation() : null,
            useSemantic ? fingerprint.lastUserTurn() : null,
            null);
    if (query.mode() == CacheMode.REFRESH || directives.noCache()) {
      stats.bypass(query.orgId());
      return done(
          new LookupResult.Bypass(
              query.mode() == CacheMode.REFRESH ? "refresh" : "no-cache", ticket));
    }
    long maxAgeMillis = maxAgeMillis(query.ttlSeconds(), directives);
    // A key never heard of is a miss now, on this thread: no read on a partition thread.
    CompletionStage<CachedAnswer> exact =
        policy.exactEnabled() && keys.mayHold(ticket.key(), clock.millis())
            ? relay(answers.getAsync(ticket.key()))
            : done(null);
    return exact.thenCompose(
        found -> {
          long now = clock.millis();
          if (policy.exactEnabled()) {
            if (servable(found, scopeTag, maxAgeMillis, now)) {
              stats.hit(query.orgId(), CacheTier.L1, found.missCostMicroUsd());
              return done(hit(found, CacheTier.L1, null, now));
            }
            stats.miss(query.orgId(), CacheTier.L1);
          }
          return useSemantic
              ? semanticLookup(ticket, policy, maxAgeMillis)
              : done(new LookupResult.Miss(ticket));
        });
  }

  private CompletionStage<LookupResult> semanticLookup(
      WriteBack ticket, CachePolicy policy, long maxAgeMillis) {
    return semantic
        .find(ticket, policy.similarityThreshold())
        .thenCompose(
            match -> {
              WriteBack embedded = ticket.withVector(match.vector());
              if (match.entry() == null) {
                stats.miss(ticket.orgId(), CacheTier.L2);
                return done(new LookupResult.Miss(embedded));
              }
              return relay(answers.getAsync(match.entry().key()))
                  .<LookupResult>thenApply(
                      found -> {
                        long now = clock.millis();
                        if (servable(found, ticket.scopeTag(), maxAgeMillis, now)) {
                          stats.hit(ticket.orgId(), CacheTier.L2, found.missCostMicroUsd());
                          return hit(found, CacheTier.L2, match.similarity(), now);
                        }
                        stats.miss(ticket.orgId(), CacheTier.L2);
                        return new LookupResult.Miss(embedded);
                      });
            })
        .exceptionally(
            failure -> {
              // Saturated or failing embedder: a plain miss, the upstream answers.
              LOG.log(level(failure), "Semantic lookup skipped", failure);
              stats.miss(ticket.orgId(), CacheTier.L2);
              return new LookupResult.Miss(ticket);
            });
  }

  /**
   * Writes a complete answer back (after a miss, {@code refresh} or {@code no-cache}); for a stream
   * call this only once it ended normally, with the answer the stream accumulated. {@code
   * missCostUsd} is what the upstream call cost, reported as the saving of later hits. Never fails:
   * a write the cluster refuses is {@link StoreResult#FAILED}.
   */
  public CompletionStage<StoreResult> store(
      WriteBack ticket, ChatResponse answer, double missCostUsd) {
    if (!cacheable(answer, ticket.cacheToolCalls())) {
      return done(StoreResult.NOT_CACHEABLE);
    }
    long now = clock.millis();
    CachedAnswer value =
        new CachedAnswer(
            ticket.orgId(),
            ticket.scopeTag(),
            ticket.model(),
            answer.model(),
            now,
            ticket.ttlSeconds(),
            Math.round(missCostUsd * 1_000_000),
            AnswerCodec.encode(answer));
    CompletionStage<Void> exact =
        relay(answers.setAsync(ticket.key(), value, ticket.ttlSeconds(), TimeUnit.SECONDS))
            .thenRun(() -> keys.learn(ticket.key(), value.expiresAtMillis()));
    CompletionStage<Void> similar = ticket.semantic() ? storeSemantic(ticket, now) : done(null);
    return exact
        .thenCombine(similar, (a, b) -> StoreResult.STORED)
        .exceptionally(
            failure -> {
              LOG.log(Level.WARNING, "Could not write an answer to the cache", failure);
              return StoreResult.FAILED;
            })
        .whenComplete((result, failure) -> afterWrite(ticket));
  }

  private void afterWrite(WriteBack ticket) {
    if (!inventory.limitCheckDue(ticket.orgId())) {
      return; // checked a moment ago: no hand-off to the maintenance thread for every write
    }
    try {
      maintenance.execute(() -> inventory.enforceLimit(ticket.orgId(), ticket.maxEntries()));
    } catch (RejectedExecutionException closing) {
      // The cache is shutting down: the limit is enforced on the next write anywhere.
    }
  }

  private CompletionStage<Void> storeSemantic(WriteBack ticket, long now) {
    return semantic
        .store(ticket, now)
        .exceptionally(
            failure -> {
              LOG.log(level(failure), "Semantic write-back skipped", failure);
              return null;
            });
  }

  /** A saturated embedder is expected under load; any other failure is a fault to see. */
  private static Level level(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof RejectedExecutionException ? Level.FINE : Level.WARNING;
  }

  /** Only successful, complete answers; tool calls only when the organisation allows them. */
  static boolean cacheable(ChatResponse answer, boolean toolCallsAllowed) {
    if (answer == null || answer.choices().isEmpty()) {
      return false;
    }
    for (ChatResponse.Choice choice : answer.choices()) {
      FinishReason reason = choice.finishReason();
      boolean callsTools =
          !choice.message().toolCalls().isEmpty()
              || reason == FinishReason.TOOL_CALLS
              || reason == FinishReason.FUNCTION_CALL;
      if (reason == null
          || reason == FinishReason.CONTENT_FILTER
          || (callsTools && !toolCallsAllowed)) {
        return false;
      }
    }
    return true;
  }

  Embedder embedder() {
    return semantic.embedder();
  }

  CacheStats stats() {
    return stats;
  }

  CacheInventory inventory() {
    return inventory;
  }

  ExactKeys keys() {
    return keys;
  }

  /** Local semantic index size, for tests and health. */
  int indexedSemanticEntries() {
    return semantic.indexed();
  }

  /** Whether this member's semantic index holds the entry of {@code key}, for tests. */
  boolean indexesSemantic(String key) {
    return semantic.indexes(key);
  }

  /** Waits until the maintenance thread has run what was handed to it so far, for tests. */
  void awaitMaintenance() throws InterruptedException, ExecutionException {
    maintenance.submit(() -> {}).get();
  }

  void flushStats() {
    try {
      stats.flush();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not publish cache statistics", e);
    }
  }

  private static boolean servable(CachedAnswer found, String scopeTag, long maxAge, long now) {
    return found != null
        && found.scopeTag().equals(scopeTag)
        && found.expiresAtMillis() > now
        && now - found.createdAtMillis() <= maxAge;
  }

  private LookupResult.Hit hit(CachedAnswer found, CacheTier tier, Double similarity, long now) {
    ChatResponse cached = found.response();
    ChatResponse fresh =
        new ChatResponse(
            "chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
            now / 1000,
            cached.model(),
            cached.choices(),
            cached.usage(),
            cached.extras());
    return new LookupResult.Hit(
        fresh,
        tier,
        similarity,
        Math.max(0, (now - found.createdAtMillis()) / 1000),
        Math.max(0, (found.expiresAtMillis() - now) / 1000),
        found.servedModel(),
        found.missCostMicroUsd() / 1_000_000.0);
  }

  private int ttlSeconds(Integer requested, CachePolicy policy) {
    int ttl = requested != null ? requested : policy.ttlSeconds();
    return Math.max(1, Math.min(ttl, options.maxTtlSeconds()));
  }

  /** A request's TTL also bounds the age of what it accepts, as does {@code max-age}. */
  private static long maxAgeMillis(Integer requestTtl, CacheDirectives directives) {
    long max = Long.MAX_VALUE;
    if (requestTtl != null) {
      max = requestTtl * 1000L;
    }
    if (directives.maxAgeSeconds() != null) {
      max = Math.min(max, directives.maxAgeSeconds() * 1000);
    }
    return max;
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public void close() {
    maintenance.shutdownNow();
    keys.close();
    semantic.close();
  }
}
