package ai.hyperion.stream;

import ai.hyperion.pipeline.StreamEnd;
import ai.hyperion.pipeline.StreamEnding;
import ai.hyperion.provider.StreamEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Sits between an upstream stream and the one writer that delivers it: passes every event and
 * signal through unchanged (backpressure included) and accumulates the canonical answer, so that
 * policy settlement, cache write-back and completion know what the stream produced when it ends.
 * State is written by the upstream's signals, which the Flow contract serialises, and read after
 * the writer's {@link #delivered} report, which comes after the last signal it received.
 */
public final class StreamTap implements Flow.Processor<StreamEvent, StreamEvent>, StreamEnding {

  private final Flow.Publisher<StreamEvent> upstream;
  private final ChatAccumulator answer = new ChatAccumulator();
  private final CompletableFuture<StreamEnd> ended = new CompletableFuture<>();
  private Flow.Subscriber<? super StreamEvent> downstream;
  private volatile boolean upstreamCompleted;
  private volatile Throwable upstreamFailure;

  public StreamTap(Flow.Publisher<StreamEvent> upstream) {
    this.upstream = upstream;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super StreamEvent> subscriber) {
    if (downstream != null) {
      subscriber.onSubscribe(NO_SUBSCRIPTION);
      subscriber.onError(new IllegalStateException("a stream is delivered once"));
      return;
    }
    downstream = subscriber;
    upstream.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    downstream.onSubscribe(subscription);
  }

  @Override
  public void onNext(StreamEvent event) {
    answer.accept(event);
    downstream.onNext(event);
  }

  @Override
  public void onError(Throwable failure) {
    upstreamFailure = failure;
    downstream.onError(failure);
  }

  @Override
  public void onComplete() {
    upstreamCompleted = true;
    downstream.onComplete();
  }

  @Override
  public void delivered(boolean clientDisconnected, Throwable writerFailure) {
    Throwable failure = writerFailure != null ? writerFailure : upstreamFailure;
    boolean complete = failure == null && upstreamCompleted && answer.finished();
    ended.complete(
        new StreamEnd(answer.answer(), answer.usage(), failure, complete, clientDisconnected));
  }

  @Override
  public CompletionStage<StreamEnd> ended() {
    return ended;
  }

  private static final Flow.Subscription NO_SUBSCRIPTION =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };
}
