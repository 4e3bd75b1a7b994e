package ai.hyperion.policy;

import ai.hyperion.policy.Reservation.BudgetSlot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Redis with a plan for when it is unreachable. The first failed call marks an outage (logged once,
 * counted in {@link PolicyCounters#storeOutages}); from then on no request waits for Redis: each is
 * admitted by this instance's own limits ({@link Mode#OPEN}) or refused with a 503 ({@link
 * Mode#CLOSED}), and counted. A probe pings Redis every {@code probeInterval}; when it answers, the
 * outage ends (logged) without a restart, and settlements that could not reach Redis meanwhile are
 * replayed to it (idempotent per request id, so nothing is charged twice or skipped), including
 * those of requests the local limits admitted, so Redis's spend stays complete.
 *
 * <p>Bound during an outage, fail-open: each instance enforces the limits and budgets alone, so the
 * cluster may admit up to (instances) × each limit until Redis is back.
 */
public final class FailoverPolicyStore implements PolicyStore {

  /** What to do while Redis is unreachable. */
  public enum Mode {
    OPEN,
    CLOSED;

    public static Mode parse(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "open", "fail-open" -> OPEN;
        case "closed", "fail-closed" -> CLOSED;
        default ->
            throw new IllegalArgumentException(
                "hyperion.policy.redis-failure must be 'open' or 'closed', was '" + value + "'");
      };
    }
  }

  private static final Logger LOG = Logger.getLogger(FailoverPolicyStore.class.getName());
  static final int MAX_REPLAY = 100_000;

  private record Replay(Reservation reservation, boolean settle, long tokens, long costNanos) {}

  private final RedissonPolicyStore redis;
  private final LocalPolicyStore local;
  private final Mode mode;
  private final PolicyCounters counters;
  private final ScheduledExecutorService scheduler;
  private final Duration probeInterval;
  private final Clock clock;
  private final AtomicBoolean down = new AtomicBoolean();
  private final ConcurrentLinkedQueue<Replay> replays = new ConcurrentLinkedQueue<>();
  private final AtomicInteger replaySize = new AtomicInteger();
  private volatile long downSinceMillis;
  private volatile BiConsumer<Reservation, SettleResult> lateSettlements = (r, s) -> {};

  public FailoverPolicyStore(
      RedissonPolicyStore redis,
      LocalPolicyStore local,
      Mode mode,
      PolicyCounters counters,
      ScheduledExecutorService scheduler,
      Duration probeInterval,
      Clock clock) {
    this.redis = redis;
    this.local = local;
    this.mode = mode;
    this.counters = counters;
    this.scheduler = scheduler;
    this.probeInterval = probeInterval;
    this.clock = clock;
  }

  @Override
  public String name() {
    return redis.name();
  }

  public boolean outage() {
    return down.get();
  }

  @Override
  public void onLateSettlement(BiConsumer<Reservation, SettleResult> listener) {
    this.lateSettlements = listener;
  }

  @Override
  public CompletionStage<ReserveResult> reserve(ReserveCommand command) {
    if (down.get()) {
      return withoutRedis(command);
    }
    return redis
        .reserve(command)
        .handle(
            (result, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(result);
              }
              markDown(failure);
              return withoutRedis(command);
            })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<ReserveResult> withoutRedis(ReserveCommand command) {
    counters.storeUnavailable.incrementAndGet();
    if (mode == Mode.OPEN) {
      return local.reserve(command);
    }
    return CompletableFuture.failedFuture(
        new StoreUnavailableException("Redis is unreachable and the gateway fails closed", null));
  }

  @Override
  public CompletionStage<SettleResult> settle(
      Reservation reservation, long actualTokens, long costNanos) {
    if (local.name().equals(reservation.store())) {
      // Charged here now, and in Redis once it is back (its spend must stay complete).
      enqueue(new Replay(reservation, true, actualTokens, costNanos));
      return local.settle(reservation, actualTokens, costNanos);
    }
    Replay replay = new Replay(reservation, true, actualTokens, costNanos);
    if (down.get()) {
      enqueue(replay);
      return CompletableFuture.completedFuture(pending(reservation));
    }
    return redis
        .settle(reservation, actualTokens, costNanos)
        .handle(
            (result, failure) -> {
              if (failure == null) {
                return result;
              }
              markDown(failure);
              enqueue(replay);
              return pending(reservation);
            });
  }

  @Override
  public CompletionStage<Boolean> release(Reservation reservation) {
    if (local.name().equals(reservation.store())) {
      return local.release(reservation);
    }
    Replay replay = new Replay(reservation, false, 0, 0);
    if (down.get()) {
      enqueue(replay);
      return CompletableFuture.completedFuture(true);
    }
    return redis
        .release(reservation)
        .handle(
            (freed, failure) -> {
              if (failure == null) {
                return freed;
              }
              markDown(failure);
              enqueue(replay);
              return true;
            });
  }

  @Override
  public CompletionStage<BudgetUsage> usage(BudgetSlot budget) {
    if (down.get()) {
      return local.usage(budget);
    }
    return redis.usage(budget);
  }

  @Override
  public void close() {
    redis.close();
    local.close();
  }

  /** Settlements waiting for Redis to come back. */
  int pendingReplays() {
    return replaySize.get();
  }

  private static SettleResult pending(Reservation reservation) {
    return new SettleResult(
        false, List.of(), reservation.budgets().stream().map(b -> new BudgetUsage(0, 0)).toList());
  }

  private void enqueue(Replay replay) {
    replays.add(replay);
    if (replaySize.incrementAndGet() > MAX_REPLAY && replays.poll() != null) {
      replaySize.decrementAndGet();
      counters.replaysDropped.incrementAndGet();
    }
    if (!down.get()) {
      drainReplays();
    }
  }

  private void markDown(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (down.compareAndSet(false, true)) {
      downSinceMillis = clock.millis();
      counters.storeOutages.incrementAndGet();
      LOG.log(
          Level.WARNING,
          "Redis (policy store) is unreachable: {0}. Until it answers again, requests are {1}."
              + " Logged once per outage; see hyperion_policy_store_unavailable_total.",
          new Object[] {
            cause.getCause() == null ? cause.toString() : cause.getCause().toString(),
            mode == Mode.OPEN ? "admitted by this instance's own limits" : "refused with 503"
          });
      scheduleProbe();
    }
  }

  private void scheduleProbe() {
    scheduler.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    redis
        .ping()
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                scheduleProbe();
                return;
              }
              down.set(false);
              LOG.log(
                  Level.INFO,
                  "Redis (policy store) answers again after {0} s; replaying {1} settlements.",
                  new Object[] {(clock.millis() - downSinceMillis) / 1000, replaySize.get()});
              drainReplays();
            });
  }

  private void drainReplays() {
    Replay replay;
    while (!down.get() && (replay = replays.poll()) != null) {
      replaySize.decrementAndGet();
      Replay current = replay;
      CompletionStage<?> sent =
          current.settle()
              ? redis
                  .settle(current.reservation(), current.tokens(), current.costNanos())
                  .thenAccept(result -> lateSettlements.accept(current.reservation(), result))
              : redis.release(current.reservation());
      sent.whenComplete(
          (ignored, failure) -> {
            if (failure != null) {
              replays.add(current);
              replaySize.incrementAndGet();
              markDown(failure);
            }
          });
    }
  }
}
