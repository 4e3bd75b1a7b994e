package ai.hyperion.stream;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes persisted answers past their organisation's retention, on the managed scheduled executor
 * every {@code hyperion.streams.sweep-interval-minutes}. Every instance may run it: deleting the
 * same entries twice is harmless.
 */
@ApplicationScoped
public class RetentionSweeper {

  private static final Logger LOG = Logger.getLogger(RetentionSweeper.class.getName());

  private ResponseStore store;
  private StreamSettingsService settings;
  private Clock clock;
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject StreamStoreOptions options;
  @Inject LiveStreams live;
  private ScheduledFuture<?> task;

  /** For the CDI proxy only. */
  protected RetentionSweeper() {}

  @Inject
  public RetentionSweeper(ResponseStore store, StreamSettingsService settings) {
    this(store, settings, Clock.systemUTC());
  }

  public RetentionSweeper(ResponseStore store, StreamSettingsService settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
    long minutes = Math.max(1, options.sweepInterval().toMinutes());
    task = scheduler.scheduleWithFixedDelay(this::run, 1, minutes, TimeUnit.MINUTES);
  }

  void run() {
    try {
      int deleted = sweep();
      // Twice the drain bound plus a day: no stream still running is that old.
      Duration drain = options.drain().maxDuration();
      Duration stale = (drain == null ? Duration.ZERO : drain.multipliedBy(2)).plusDays(1);
      live.forgetStartedBefore(clock.instant().minus(stale));
      LOG.fine(() -> "Response retention deleted " + deleted + " entries");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Response retention failed; the next run tries again", e);
    }
  }

  /** One pass over every organisation in the store; returns how many entries it deleted. */
  public int sweep() {
    Instant now = clock.instant();
    int deleted = 0;
    for (String org : store.orgs()) {
      int days = settings.policy(org).retentionDays();
      deleted += store.deleteCreatedBefore(org, now.minus(Duration.ofDays(days)));
    }
    return deleted;
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
