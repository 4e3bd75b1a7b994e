package ai.hyperion.provider.gemini;

import ai.hyperion.provider.StreamEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Subscribes to a stream one event at a time and keeps what arrived and how it ended. */
final class StreamCollector implements Flow.Subscriber<StreamEvent> {

  final List<StreamEvent> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> end = new CompletableFuture<>();
  private Flow.Subscription subscription;

  static StreamCollector drain(Flow.Publisher<StreamEvent> publisher) {
    StreamCollector collector = new StreamCollector();
    publisher.subscribe(collector);
    try {
      collector.end.handle((ok, failure) -> null).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the stream did not end", e);
    }
    return collector;
  }

  Throwable failure() {
    return end.isCompletedExceptionally() ? end.handle((ok, failure) -> failure).join() : null;
  }

  String text() {
    return events.stream()
        .filter(e -> e instanceof StreamEvent.TextDelta)
        .map(e -> ((StreamEvent.TextDelta) e).text())
        .collect(Collectors.joining());
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(StreamEvent item) {
    events.add(item);
    subscription.request(1);
  }

  @Override
  public void onError(Throwable throwable) {
    end.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    end.complete(null);
  }
}
