package ai.hyperion.routing.resilience;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A stream that fails when its upstream stays silent for longer than the idle timeout of
 * gateway.yaml ({@code idle-timeout-seconds}): the wait restarts with every item and every demand
 * from downstream (a slow client is not an idle upstream). On expiry the upstream is cancelled and
 * downstream gets {@code onIdle}'s error (a retryable timeout). Signals to downstream are
 * serialised by this subscriber's monitor, since the timer fires on the scheduler's thread.
 */
public final class IdleTimeout<T> implements Flow.Publisher<T> {

  private final Flow.Publisher<T> source;
  private final Duration idle;
  private final ScheduledExecutorService scheduler;
  private final Supplier<? extends Throwable> onIdle;

  public IdleTimeout(
      Flow.Publisher<T> source,
      Duration idle,
      ScheduledExecutorService scheduler,
      Supplier<? extends Throwable> onIdle) {
    this.source = source;
    this.idle = idle;
    this.scheduler = scheduler;
    this.onIdle = onIdle;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> downstream) {
    source.subscribe(new Watch(downstream));
  }

  private final class Watch implements Flow.Subscriber<T> {
    private final Flow.Subscriber<? super T> downstream;
    private Flow.Subscription upstream;
    private ScheduledFuture<?> timer;
    private boolean done;

    Watch(Flow.Subscriber<? super T> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      synchronized (this) {
        upstream = subscription;
        arm();
      }
      downstream.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {
              synchronized (Watch.this) {
                if (!done) {
                  arm();
                }
              }
              subscription.request(n);
            }

            @Override
            public void cancel() {
              synchronized (Watch.this) {
                done = true;
                disarm();
              }
              subscription.cancel();
            }
          });
    }

    @Override
    public synchronized void onNext(T item) {
      if (!done) {
        arm();
        downstream.onNext(item);
      }
    }

    @Override
    public synchronized void onError(Throwable failure) {
      if (!done) {
        done = true;
        disarm();
        downstream.onError(failure);
      }
    }

    @Override
    public synchronized void onComplete() {
      if (!done) {
        done = true;
        disarm();
        downstream.onComplete();
      }
    }

    private synchronized void expire() {
      if (!done) {
        done = true;
        upstream.cancel();
        downstream.onError(onIdle.get());
      }
    }

    private void arm() {
      disarm();
      timer = scheduler.schedule(this::expire, idle.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }
}
