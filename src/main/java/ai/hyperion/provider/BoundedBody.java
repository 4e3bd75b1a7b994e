package ai.hyperion.provider;

import ai.hyperion.error.ProviderException;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Upstream response bodies read within limits: a read must arrive within the idle timeout of the
 * previous one, the whole body by a deadline, and a collected body is capped in size. A body that
 * breaks a limit is cancelled (which closes its connection) and fails with a retryable {@link
 * ProviderException} (504 for time, 502 for size).
 */
public final class BoundedBody {

  /** Largest non-streamed answer accepted (embeddings of many inputs are the big ones). */
  public static final int MAX_BYTES = 64 * 1024 * 1024;

  /** How much of an error body is kept: enough for any provider's error JSON. */
  public static final int MAX_ERROR_BYTES = 64 * 1024;

  /**
   * One daemon thread fires every body's timers; the tasks only cancel a body and signal its
   * subscriber. Unmanaged on purpose: it holds no container context and is shared by all clients. A
   * wheel that ticks every 10 ms rather than a scheduled executor: arming and cancelling a timer
   * only queue it, where the executor woke its thread for every body whose timer became the next to
   * fire (at low load, every body: a futex wake-up on each upstream call).
   */
  private static final Timer TIMERS = timers();

  private BoundedBody() {}

  /**
   * Reads a whole body; beyond {@code maxBytes} it fails, or when {@code truncate} is set (error
   * bodies, read only to be shown) it ends with what it has.
   */
  public static CompletableFuture<byte[]> collect(
      String provider,
      Flow.Publisher<List<ByteBuffer>> body,
      int maxBytes,
      boolean truncate,
      Duration idle,
      long deadlineNanos) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    watched(provider, body, idle, deadlineNanos, false)
        .subscribe(
            new Flow.Subscriber<>() {
              private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              private Flow.Subscription subscription;

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(List<ByteBuffer> buffers) {
                if (result.isDone()) {
                  return;
                }
                for (ByteBuffer buffer : buffers) {
                  int room = maxBytes - bytes.size();
                  if (buffer.remaining() > room) {
                    subscription.cancel();
                    if (truncate) {
                      write(buffer, room);
                      result.complete(bytes.toByteArray());
                    } else {
                      result.completeExceptionally(
                          ProviderException.malformed(
                              provider, "an answer larger than " + maxBytes + " bytes"));
                    }
                    return;
                  }
                  write(buffer, buffer.remaining());
                }
              }

              private void write(ByteBuffer buffer, int count) {
                byte[] chunk = new byte[count];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
              }

              @Override
              public void onError(Throwable throwable) {
                if (throwable instanceof ProviderException p) {
                  result.completeExceptionally(p);
                } else if (truncate) {
                  result.complete(bytes.toByteArray());
                } else {
                  result.completeExceptionally(ProviderException.unreachable(provider, throwable));
                }
              }

              @Override
              public void onComplete() {
                result.complete(bytes.toByteArray());
              }
            });
    return result;
  }

  /**
   * A stream's body, failing with a 504 {@link ProviderException#idleTimeout} when a read is more
   * than {@code idle} after the previous one, or {@link ProviderException#timeout} when the body
   * has not ended by {@code deadlineNanos} ({@link System#nanoTime()}). Single subscriber.
   */
  public static Flow.Publisher<List<ByteBuffer>> guard(
      String provider, Flow.Publisher<List<ByteBuffer>> body, Duration idle, long deadlineNanos) {
    return watched(provider, body, idle, deadlineNanos, true);
  }

  private static Flow.Publisher<List<ByteBuffer>> watched(
      String provider,
      Flow.Publisher<List<ByteBuffer>> body,
      Duration idle,
      long deadlineNanos,
      boolean stream) {
    return subscriber ->
        body.subscribe(new Guard(provider, subscriber, idle, deadlineNanos, stream));
  }

  /**
   * Passes a body through and watches it. Signals to the subscriber are serialised on this object,
   * so a timer firing during a read cannot interleave with it.
   */
  private static final class Guard implements Flow.Subscriber<List<ByteBuffer>>, Flow.Subscription {
    private final String provider;
    private final Flow.Subscriber<? super List<ByteBuffer>> downstream;
    private final Duration idle;
    private final long idleNanos;
    private final long deadlineNanos;
    private final boolean stream;
    private Flow.Subscription upstream;
    private volatile long lastReadNanos;
    private boolean done;
    private Timeout check;

    Guard(
        String provider,
        Flow.Subscriber<? super List<ByteBuffer>> downstream,
        Duration idle,
        long deadlineNanos,
        boolean stream) {
      this.provider = provider;
      this.downstream = downstream;
      this.idle = idle;
      this.idleNanos = idle.toNanos();
      this.deadlineNanos = deadlineNanos;
      this.stream = stream;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      long now = System.nanoTime();
      lastReadNanos = now;
      arm(now, now);
      downstream.onSubscribe(this);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> item) {
      lastReadNanos = System.nanoTime();
      if (!done) {
        downstream.onNext(item);
      }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
      if (finish()) {
        downstream.onError(throwable);
      }
    }

    @Override
    public synchronized void onComplete() {
      if (finish()) {
        downstream.onComplete();
      }
    }

    @Override
    public void request(long n) {
      // The wait restarts with each demand too: a client slow to read is not an idle upstream.
      lastReadNanos = System.nanoTime();
      upstream.request(n);
    }

    // The upstream is cancelled outside the lock: the HTTP client may hold its own locks while it
    // waits to deliver a read here.

    @Override
    public void cancel() {
      synchronized (this) {
        finish();
      }
      upstream.cancel();
    }

    /**
     * One timer for both limits, due when the idle window from {@code lastRead} or the deadline
     * ends, whichever comes first: one timer per window, not per read.
     */
    private void arm(long now, long lastRead) {
      long due = Math.min(lastRead + idleNanos - now, deadlineNanos - now);
      check = TIMERS.newTimeout(timeout -> check(), Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    private void check() {
      boolean pastDeadline;
      synchronized (this) {
        if (done) {
          return;
        }
        long now = System.nanoTime();
        long lastRead = lastReadNanos;
        pastDeadline = now - deadlineNanos >= 0;
        if (!pastDeadline && now - lastRead < idleNanos) {
          arm(now, lastRead);
          return;
        }
      }
      // A stream gone quiet says so in the same words whichever watcher sees it first: this one
      // on the bytes, or routing's on the events (AttemptExecutor.idleWatched), same idle limit.
      expire(
          stream && !pastDeadline
              ? ProviderException.idleTimeout(provider, idle)
              : ProviderException.timeout(provider));
    }

    private void expire(ProviderException failure) {
      synchronized (this) {
        if (!finish()) {
          return;
        }
      }
      upstream.cancel();
      synchronized (this) {
        downstream.onError(failure);
      }
    }

    private boolean finish() {
      if (done) {
        return false;
      }
      done = true;
      if (check != null) {
        check.cancel();
      }
      return true;
    }
  }

  private static Timer timers() {
    return new HashedWheelTimer(
        task -> {
          Thread thread = new Thread(task, "hyperion-upstream-timers");
          thread.setDaemon(true);
          return thread;
        },
        10,
        TimeUnit.MILLISECONDS,
        512);
  }
}
