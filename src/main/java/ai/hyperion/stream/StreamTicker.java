package ai.hyperion.stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One clock for every open stream: twice a second it lets each stream check its keep-alive, its
 * timeouts and a client that stopped reading. One timer task in all rather than one per stream, so
 * ten thousand open streams cost ten thousand cheap checks a tick and no thread each. The set of
 * open streams is concurrent: streams join and leave from any thread.
 */
@ApplicationScoped
public class StreamTicker {

  private static final Logger LOG = Logger.getLogger(StreamTicker.class.getName());

  /**
   * How often streams are checked: the resolution of keep-alives and timeouts, all configured in
   * seconds. Every 200 ms cost a tenth of the gateway's CPU at 3,000 open streams (each check reads
   * a stream's fields, scattered over the heap); twice a second costs two fifths of that.
   */
  static final long PERIOD_MILLIS = 500;

  /** Something that wants the time now and then. */
  public interface Ticking {
    void tick(long nowNanos);

    /** Characters it holds for its client now (for the buffer gauges); none by default. */
    default long buffered() {
      return 0;
    }
  }

  private final Set<Ticking> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong stalledClientsDropped = new AtomicLong();

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  @PostConstruct
  void start() {
    if (scheduler != null) {
      task =
          scheduler.scheduleAtFixedRate(
              this::tickAll, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  public void register(Ticking stream) {
    open.add(stream);
  }

  public void unregister(Ticking stream) {
    open.remove(stream);
  }

  /** How many streams are open now (metrics, tests). */
  public int openStreams() {
    return open.size();
  }

  /** Characters waiting for their clients in all open streams together. */
  public long bufferedTotal() {
    long total = 0;
    for (Ticking stream : open) {
      total += stream.buffered();
    }
    return total;
  }

  /** The most characters one open stream holds for its client now. */
  public long bufferedMax() {
    long max = 0;
    for (Ticking stream : open) {
      max = Math.max(max, stream.buffered());
    }
    return max;
  }

  /** Clients dropped since start for leaving their stream unread past the stall limit. */
  public long stalledClientsDropped() {
    return stalledClientsDropped.get();
  }

  /** A stream dropped its client for not reading. */
  void stalledClientDropped() {
    stalledClientsDropped.incrementAndGet();
  }

  void tickAll() {
    long now = System.nanoTime();
    for (Ticking stream : open) {
      try {
        stream.tick(now);
      } catch (RuntimeException bug) {
        // One stream's bug must not stop the clock of all the others.
        LOG.log(Level.SEVERE, "A stream failed its timer check", bug);
        open.remove(stream);
      }
    }
  }
}
