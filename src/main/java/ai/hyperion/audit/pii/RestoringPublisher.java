package ai.hyperion.audit.pii;

import ai.hyperion.provider.StreamEvent;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of answer events with placeholders restored ({@link StreamRestorer}), keeping the
 * downstream's demand: an upstream event that yields nothing (held back) is replaced by asking the
 * upstream for one more, one that yields several queues the rest until they are wanted. Signals to
 * the subscriber are serialised by a work-in-progress counter.
 */
final class RestoringPublisher implements Flow.Publisher<StreamEvent> {

  private final Flow.Publisher<StreamEvent> upstream;
  private final MaskSession session;

  RestoringPublisher(Flow.Publisher<StreamEvent> upstream, MaskSession session) {
    this.upstream = upstream;
    this.session = session;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    upstream.subscribe(new Relay(subscriber, new StreamRestorer(session)));
  }

  private static final class Relay implements Flow.Subscriber<StreamEvent>, Flow.Subscription {

    private final Flow.Subscriber<? super StreamEvent> downstream;
    private final StreamRestorer restorer;
    private final AtomicInteger wip = new AtomicInteger();
    // Guarded by 'this'.
    private final ArrayDeque<StreamEvent> queue = new ArrayDeque<>();
    private long demand;
    private long requestedUpstream;
    private boolean upstreamDone;
    private Throwable failure;
    private boolean cancelled;
    private boolean terminated;
    private Flow.Subscription subscription;

    Relay(Flow.Subscriber<? super StreamEvent> downstream, StreamRestorer restorer) {
      this.downstream = downstream;
      this.restorer = restorer;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      synchronized (this) {
        subscription = s;
      }
      downstream.onSubscribe(this);
    }

    @Override
    public void onNext(StreamEvent event) {
      List<StreamEvent> out = restorer.accept(event);
      synchronized (this) {
        requestedUpstream--;
        queue.addAll(out);
      }
      drain();
    }

    @Override
    public void onError(Throwable t) {
      List<StreamEvent> rest = restorer.finish();
      synchronized (this) {
        queue.addAll(rest);
        failure = t;
        upstreamDone = true;
      }
      drain();
    }

    @Override
    public void onComplete() {
      List<StreamEvent> rest = restorer.finish();
      synchronized (this) {
        queue.addAll(rest);
        upstreamDone = true;
      }
      drain();
    }

    @Override
    public void request(long n) {
      if (n <= 0) {
        cancel();
        downstream.onError(new IllegalArgumentException("request(" + n + "): must be positive"));
        return;
      }
      synchronized (this) {
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      Flow.Subscription s;
      synchronized (this) {
        cancelled = true;
        queue.clear();
        s = subscription;
      }
      if (s != null) {
        s.cancel();
      }
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      do {
        while (true) {
          StreamEvent next;
          long ask = 0;
          boolean complete = false;
          Throwable error = null;
          synchronized (this) {
            if (cancelled || terminated) {
              break;
            }
            if (demand > 0 && !queue.isEmpty()) {
              next = queue.poll();
              demand--;
            } else {
              next = null;
              if (queue.isEmpty() && upstreamDone) {
                terminated = true;
                complete = failure == null;
                error = failure;
              } else if (queue.isEmpty() && demand > requestedUpstream) {
                ask = demand - requestedUpstream;
                requestedUpstream += ask;
              }
            }
          }
          if (next != null) {
            downstream.onNext(next);
            continue;
          }
          if (complete) {
            downstream.onComplete();
          } else if (error != null) {
            downstream.onError(error);
          } else if (ask > 0) {
            subscription.request(ask);
          }
          break;
        }
      } while (wip.decrementAndGet() != 0);
    }
  }
}
