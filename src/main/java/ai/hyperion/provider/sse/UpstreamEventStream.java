package ai.hyperion.provider.sse;

import ai.hyperion.error.ProviderException;
import ai.hyperion.provider.StreamEvent;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adapts an upstream HTTP body ({@code BodyHandlers.ofPublisher()}) into a publisher of canonical
 * events with backpressure: one upstream read is requested only when the subscriber wants more and
 * the decoded events are used up. Single subscriber. A body that ends without the provider's
 * terminal signal ends the stream with a retryable {@link ProviderException#truncated}.
 *
 * <p>Thread-safety: upstream callbacks and downstream requests may arrive on any thread; all
 * emission happens inside {@link #drain()}, serialised by the {@code wip} counter.
 */
public final class UpstreamEventStream implements Flow.Publisher<StreamEvent> {

  private final String provider;
  private final Flow.Publisher<List<ByteBuffer>> body;
  private final ChunkDecoder decoder;

  private final Queue<StreamEvent> ready = new ConcurrentLinkedQueue<>();
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicBoolean readPending = new AtomicBoolean();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile Flow.Subscription upstream;
  private volatile Flow.Subscriber<? super StreamEvent> downstream;
  private volatile boolean upstreamDone;
  private volatile Throwable failure;
  private volatile boolean cancelled;
  private boolean terminated;

  public UpstreamEventStream(
      String provider, Flow.Publisher<List<ByteBuffer>> body, ChunkDecoder decoder) {
    this.provider = provider;
    this.body = body;
    this.decoder = decoder;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    if (!subscribed.compareAndSet(false, true)) {
      subscriber.onSubscribe(new NoSubscription());
      subscriber.onError(new IllegalStateException("an upstream stream has a single subscriber"));
      return;
    }
    downstream = subscriber;
    subscriber.onSubscribe(new DownstreamSubscription());
    body.subscribe(new BodySubscriber());
  }

  private void drain() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      if (terminated) {
        return;
      }
      StreamEvent next;
      while (!cancelled && demand.get() > 0 && (next = ready.poll()) != null) {
        demand.decrementAndGet();
        downstream.onNext(next);
      }
      if (cancelled) {
        terminated = true;
        return;
      }
      if (ready.isEmpty()) {
        if (upstreamDone) {
          terminated = true;
          if (failure != null) {
            downstream.onError(failure);
          } else {
            downstream.onComplete();
          }
          return;
        }
        Flow.Subscription source = upstream;
        if (source != null && demand.get() > 0 && readPending.compareAndSet(false, true)) {
          source.request(1);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private final class DownstreamSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {
      if (n <= 0) {
        failure = new IllegalArgumentException("request(n) needs n > 0");
        upstreamDone = true;
      } else {
        demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      }
      drain();
    }

    @Override
    public void cancel() {
      cancelled = true;
      Flow.Subscription source = upstream;
      if (source != null) {
        source.cancel();
      }
      drain();
    }
  }

  private final class BodySubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      upstream = subscription;
      if (cancelled) {
        subscription.cancel();
      }
      drain();
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (upstreamDone) {
        return; // a read already in flight when a decode error cancelled the body
      }
      try {
        for (ByteBuffer buffer : buffers) {
          decoder.feed(buffer, ready::add);
        }
      } catch (RuntimeException e) {
        // A ProviderException is the upstream's fault (the parsers name what was wrong); anything
        // else is a bug of ours and travels as it is, to be logged and counted as one.
        failure = e;
        upstreamDone = true;
        upstream.cancel();
      }
      readPending.set(false);
      drain();
    }

    @Override
    public void onError(Throwable error) {
      failure = error instanceof ProviderException p ? p : ProviderException.truncated(provider);
      upstreamDone = true;
      drain();
    }

    @Override
    public void onComplete() {
      if (!upstreamDone) {
        try {
          decoder.finish(ready::add);
          if (!decoder.finished()) {
            failure = ProviderException.truncated(provider);
          }
        } catch (RuntimeException e) {
          failure = e;
        }
        upstreamDone = true;
      }
      drain();
    }
  }

  private static final class NoSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }
}
