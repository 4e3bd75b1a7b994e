package ai.hyperion.testing;

import java.util.List;
import java.util.concurrent.Flow;

/** Publishes a fixed list on demand, then completes (or fails with {@code failure}). */
public final class ListPublisher<T> implements Flow.Publisher<T> {

  private final List<T> items;
  private final Throwable failure;

  public ListPublisher(List<T> items, Throwable failure) {
    this.items = List.copyOf(items);
    this.failure = failure;
  }

  public ListPublisher(List<T> items) {
    this(items, null);
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private int next;
          private boolean done;

          @Override
          public void request(long n) {
            for (long i = 0; i < n && !done; i++) {
              if (next < items.size()) {
                subscriber.onNext(items.get(next++));
              }
              if (next == items.size()) {
                done = true;
                if (failure == null) {
                  subscriber.onComplete();
                } else {
                  subscriber.onError(failure);
                }
              }
            }
          }

          @Override
          public void cancel() {
            done = true;
          }
        });
  }
}
