package ai.hyperion.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Reads a publisher to its end, one item at a time; the outcome lists the items and any error. */
public final class Drain {

  public record Outcome<T>(List<T> items, Throwable failure) {}

  private Drain() {}

  public static <T> Outcome<T> all(Flow.Publisher<T> publisher) throws Exception {
    List<T> items = new ArrayList<>();
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    publisher.subscribe(
        new Flow.Subscriber<>() {
          private Flow.Subscription subscription;

          @Override
          public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
          }

          @Override
          public void onNext(T item) {
            items.add(item);
            subscription.request(1);
          }

          @Override
          public void onError(Throwable failure) {
            end.complete(failure);
          }

          @Override
          public void onComplete() {
            end.complete(null);
          }
        });
    return new Outcome<>(items, end.get(10, TimeUnit.SECONDS));
  }
}
